use soap_runtime::XmlContent;

#[derive(XmlContent)]
struct Shape {
    name: String,
}

#[derive(XmlContent)]
#[xml(choice, polymorphic)]
enum AnyShape {
    Shape(Shape),
}

fn main() {}
