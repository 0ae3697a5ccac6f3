use soap_runtime::__private::IndexMap;
use soap_runtime::XmlContent;

#[derive(XmlContent)]
#[xml(map(entry = "KeyValueOfstringint", key = "Key", value = "Value"))]
struct Counts {
    counts: IndexMap<String, i32>,
}

fn main() {}
