use soap_runtime::__private::IndexMap;
use soap_runtime::XmlContent;

#[derive(XmlContent)]
#[xml(map(entry = "KeyValueOfstringint", value = "Value"))]
struct Counts(IndexMap<String, i32>);

fn main() {}
