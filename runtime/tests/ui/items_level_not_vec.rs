use soap_runtime::XmlContent;

#[derive(XmlContent)]
struct Matrix {
    // Two levels of `items` need a `Vec<Vec<T>>`.
    #[xml(items = "row", items = "cell")]
    rows: Vec<String>,
}

fn main() {}
