use soap_runtime::RedactedDebug;

#[derive(RedactedDebug)]
enum Credential {
    Password(String),
    Token(String),
}

fn main() {}
