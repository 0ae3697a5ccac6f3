use soap_runtime::SimpleType;

#[derive(SimpleType)]
enum Size {
    Small,
    Custom { width: u32 },
}

fn main() {}
