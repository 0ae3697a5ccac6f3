use soap_runtime::XmlContent;

#[derive(XmlContent)]
struct Login {
    #[xml(rename = "User", rename = "UserName")]
    user: String,
}

fn main() {}
