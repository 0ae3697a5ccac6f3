use soap_runtime::XmlContent;

#[derive(XmlContent)]
#[xml(rename_all = "Pascal")]
struct Login {
    user_name: String,
}

fn main() {}
