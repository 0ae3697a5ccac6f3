use soap_runtime::SoapHeaders;

#[derive(SoapHeaders)]
#[xml(ns = "urn:auth")]
struct AuthHeaders {
    ticket: Option<String>,
    session: String,
}

fn main() {}
