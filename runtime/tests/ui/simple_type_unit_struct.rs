use soap_runtime::SimpleType;

#[derive(SimpleType)]
struct Token;

fn main() {}
