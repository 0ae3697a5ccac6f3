use soap_runtime::SimpleType;

#[derive(SimpleType)]
enum Right {
    Read,
    #[xml(other)]
    Unrecognized,
}

fn main() {}
