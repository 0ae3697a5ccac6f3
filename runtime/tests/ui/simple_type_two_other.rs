use soap_runtime::SimpleType;

#[derive(SimpleType)]
enum Right {
    Read,
    #[xml(other)]
    Unrecognized(String),
    #[xml(other)]
    Unknown(String),
}

fn main() {}
