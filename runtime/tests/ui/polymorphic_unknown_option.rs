use soap_runtime::XmlContent;

#[derive(Debug, Clone, Default, PartialEq, XmlContent)]
struct Circle {
    radius: u32,
}

#[derive(Debug, Clone, PartialEq, XmlContent)]
#[xml(polymorphic(abstract))]
enum AnyShape {
    Circle(Circle),
}

fn main() {}
