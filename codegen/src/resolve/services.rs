//! Resolving portTypes, bindings and services into operations.

use super::{
    Builtin, Field, Member, Model, Origin, ResolveError, TypeDef, TypeId, TypeKind, TypeRef,
};
use crate::document::{
    Binding, BindingIo, Definitions, IoMessage, Message, Part, QName, SoapVersion, Span,
};

/// A header element of a message (from `soap:header`).
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderPart {
    /// The header element.
    pub element: QName,
    /// Its type.
    pub ty: TypeRef,
}

/// How a message's parts make up the SOAP body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyForm {
    /// document/literal wrapped: the body is one element, the single part's.
    Element,
    /// document/literal bare with zero or several parts, or `type=` parts: the body's children
    /// are the parts (the fields of a synthesised struct).
    Parts,
    /// rpc: a wrapper element named after the operation holds one accessor per part.
    Rpc {
        /// `use="encoded"`: SOAP encoding (`xsi:type` on values, `soapenc` arrays).
        encoded: bool,
    },
}

/// The resolved input or output of an operation.
#[derive(Debug, Clone, PartialEq)]
pub struct MessageModel {
    /// The WSDL message name.
    pub message: QName,
    /// The body element: the part's element, the rpc wrapper, or (parts bodies) the first part's
    /// element (empty local name for an empty body).
    pub body: QName,
    /// Its type (for parts bodies, a struct whose fields are the parts).
    pub body_ty: TypeRef,
    /// How the parts make up the body.
    pub form: BodyForm,
    /// Header elements in binding order.
    pub headers: Vec<HeaderPart>,
    /// WS-Addressing action, if declared.
    pub action: Option<String>,
}

/// A declared fault of an operation.
#[derive(Debug, Clone, PartialEq)]
pub struct FaultModel {
    /// The fault's name in the portType.
    pub name: String,
    /// The detail element.
    pub element: QName,
    /// Its type.
    pub ty: TypeRef,
    /// Its WS-Addressing action (explicit, else the default action pattern).
    pub action: String,
}

/// A resolved operation.
#[derive(Debug, Clone, PartialEq)]
pub struct OperationModel {
    /// Operation name.
    pub name: String,
    /// Documentation summary.
    pub doc: Option<String>,
    /// `soapAction` of the binding ("" when absent).
    pub soap_action: String,
    /// Input.
    pub input: MessageModel,
    /// Output (`None` for one-way operations).
    pub output: Option<MessageModel>,
    /// Declared faults.
    pub faults: Vec<FaultModel>,
    /// Where it is declared in the portType.
    pub span: Span,
    /// WS-Addressing actions of the input and output (used when the binding uses
    /// addressing): see [`actions`].
    pub input_action: String,
    /// The output's action (`None` for one-way operations).
    pub output_action: Option<String>,
}

/// A portType with the SOAP binding used for it.
#[derive(Debug, Clone, PartialEq)]
pub struct PortTypeModel {
    /// portType name.
    pub name: QName,
    /// Documentation.
    pub doc: Option<String>,
    /// The binding used (first SOAP 1.1 binding, else first SOAP 1.2 binding).
    pub binding: QName,
    /// Its SOAP version.
    pub version: SoapVersion,
    /// The service and port that expose the binding, with the address.
    pub service: Option<(String, String, Option<String>)>,
    /// The portType's other SOAP bindings: (binding, version, port address), for docs (a
    /// client reaches them by changing its endpoint and SOAP version).
    pub other_bindings: Vec<(String, SoapVersion, Option<String>)>,
    /// Operations in portType order.
    pub operations: Vec<OperationModel>,
    /// What the binding's WS-Policy asks of the runtime.
    pub policy: crate::document::BindingPolicy,
}

fn find_message<'d>(
    defs: &'d Definitions,
    q: &QName,
    span: Span,
) -> Result<&'d Message, ResolveError> {
    defs.messages
        .iter()
        .find(|m| &m.name == q)
        .ok_or_else(|| ResolveError::unresolved(span, format!("undefined message {q}")))
}

fn element_type(model: &Model, q: &QName, span: Span) -> Result<TypeRef, ResolveError> {
    model.elements.get(q).map(|e| e.ty).ok_or_else(|| {
        ResolveError::unresolved(
            span,
            format!("undefined element {q}: expected a global element of one of the schemas"),
        )
    })
}

fn lookup_type(model: &Model, q: &QName, span: Span) -> Result<TypeRef, ResolveError> {
    if let Some(b) = Builtin::lookup(&q.ns, &q.local) {
        return Ok(TypeRef::Builtin(b));
    }
    if let Some(id) = model.named.get(q) {
        return Ok(TypeRef::Def(*id));
    }
    if q.ns == crate::document::SOAPENC11_NS || q.ns == crate::document::SOAPENC12_NS {
        return Ok(TypeRef::Builtin(
            Builtin::lookup(crate::document::XSD_NS, &q.local).unwrap_or(Builtin::AnyType),
        ));
    }
    Err(ResolveError::unresolved(
        span,
        format!(
            "undefined type {q}: expected a type of one of the schemas or an XML Schema built-in"
        ),
    ))
}

/// The field for a part: its element (qualified as the element is), or an element named after
/// the part (unqualified) holding a value of its type.
fn part_field(model: &Model, part: &Part) -> Result<Field, ResolveError> {
    let mut xsd_type = None;
    let (name, ns, ty, nillable) = match (&part.element, &part.type_) {
        (Some(el), _) => {
            let e = model.elements.get(el).ok_or_else(|| {
                ResolveError::unresolved(
                    part.span,
                    format!(
                        "undefined element {el}: expected a global element of one of the schemas"
                    ),
                )
            })?;
            (el.local.clone(), el.ns.clone(), e.ty, e.nillable)
        }
        (None, Some(t)) => {
            xsd_type = Some(t.clone());
            (
                part.name.clone(),
                String::new(),
                lookup_type(model, t, part.span)?,
                false,
            )
        }
        (None, None) => {
            return Err(ResolveError::invalid(
                part.span,
                format!(
                    "part `{}` has neither an `element` nor a `type` attribute",
                    part.name
                ),
            ))
        }
    };
    Ok(Field {
        name,
        ns,
        ty,
        min: 1,
        many: false,
        nillable,
        xsd_type,
        doc: None,
        span: part.span,
    })
}

/// A struct synthesised for a message body (bare parts or an rpc wrapper).
fn synthesize(
    model: &mut Model,
    origin: Origin,
    ns: &str,
    span: Span,
    fields: Vec<Field>,
) -> TypeId {
    model.types.push(TypeDef {
        origin,
        ns: ns.to_owned(),
        doc: None,
        span,
        kind: TypeKind::Struct {
            base: None,
            fields: fields.into_iter().map(Member::Element).collect(),
            attributes: Vec::new(),
            any_attribute: None,
            text: None,
            abstract_: false,
            group: false,
        },
    });
    let id = TypeId(model.types.len() - 1);
    model.keep_struct.insert(id);
    id
}

/// How an operation is bound.
struct OpBinding<'d> {
    name: &'d str,
    rpc: bool,
    /// Response wrappers of rpc operations are named `{operation}Response`.
    output: bool,
}

fn message_model(
    defs: &Definitions,
    model: &mut Model,
    io: &IoMessage,
    binding: Option<&BindingIo>,
    op: OpBinding<'_>,
) -> Result<MessageModel, ResolveError> {
    let message = find_message(defs, &io.message, io.span)?;
    let mut headers = Vec::new();
    let mut header_parts = Vec::new();
    for h in binding.map(|b| b.headers.as_slice()).unwrap_or_default() {
        let hm = find_message(defs, &h.message, h.span)?;
        let part = hm.parts.iter().find(|p| p.name == h.part).ok_or_else(|| {
            ResolveError::unresolved(
                h.span,
                format!("message {} has no part `{}`", h.message, h.part),
            )
        })?;
        let field = part_field(model, part)?;
        if hm.name == message.name {
            header_parts.push(part.name.clone());
        }
        headers.push(HeaderPart {
            element: QName::new(
                if field.ns.is_empty() {
                    h.namespace.clone().unwrap_or_default()
                } else {
                    field.ns.clone()
                },
                field.name.clone(),
            ),
            ty: field.ty,
        });
    }
    let body_binding = binding.and_then(|b| b.body.as_ref());
    let encoded = body_binding.is_some_and(|b| b.use_.as_deref() == Some("encoded"));
    let body_parts: Vec<&Part> = message
        .parts
        .iter()
        .filter(|p| !header_parts.contains(&p.name))
        .filter(|p| match body_binding.and_then(|b| b.parts.as_ref()) {
            Some(names) => names.contains(&p.name),
            None => true,
        })
        .collect();
    if op.rpc {
        let ns = body_binding
            .and_then(|b| b.namespace.clone())
            .unwrap_or_default();
        let local = if op.output {
            format!("{}Response", op.name)
        } else {
            op.name.to_owned()
        };
        let mut fields = Vec::new();
        for p in &body_parts {
            let mut f = part_field(model, p)?;
            if p.element.is_none() {
                // rpc accessors are unqualified and named after the part.
                f.name = p.name.clone();
            }
            f.nillable |= encoded;
            f.min = if encoded { 0 } else { 1 };
            fields.push(f);
        }
        let q = QName::new(ns.clone(), local);
        let id = synthesize(model, Origin::Element(q.clone()), &ns, message.span, fields);
        if encoded {
            model.encoded.insert(id);
        }
        return Ok(MessageModel {
            message: message.name.clone(),
            body: q,
            body_ty: TypeRef::Def(id),
            form: BodyForm::Rpc { encoded },
            headers,
            action: io.action.clone(),
        });
    }
    match body_parts.as_slice() {
        [part] if part.element.is_some() => {
            let body = part.element.clone().unwrap_or_else(|| QName::new("", ""));
            let body_ty = element_type(model, &body, part.span)?;
            if let TypeRef::Def(id) = body_ty {
                model.keep_struct.insert(id);
            }
            Ok(MessageModel {
                message: message.name.clone(),
                body,
                body_ty,
                form: BodyForm::Element,
                headers,
                action: io.action.clone(),
            })
        }
        [] => Ok(MessageModel {
            // An empty body: nothing to synthesise (the plan makes it `()`).
            message: message.name.clone(),
            body: QName::new("", ""),
            body_ty: TypeRef::Builtin(Builtin::AnyType),
            form: BodyForm::Parts,
            headers,
            action: io.action.clone(),
        }),
        parts => {
            // Parts with the same element are one repeated field: the body's children are
            // read by name, so they could not be told apart.
            let mut fields: Vec<Field> = Vec::new();
            for p in parts.iter() {
                let f = part_field(model, p)?;
                match fields.iter_mut().find(|o| o.name == f.name && o.ns == f.ns) {
                    Some(o) => o.many = true,
                    None => fields.push(f),
                }
            }
            let body = fields
                .first()
                .map(|f| QName::new(f.ns.clone(), f.name.clone()))
                .unwrap_or_else(|| QName::new("", ""));
            let ns = message.name.ns.clone();
            let id = synthesize(
                model,
                Origin::Element(QName::new(
                    ns.clone(),
                    format!("{}Parts", message.name.local),
                )),
                &ns,
                message.span,
                fields,
            );
            Ok(MessageModel {
                message: message.name.clone(),
                body,
                body_ty: TypeRef::Def(id),
                form: BodyForm::Parts,
                headers,
                action: io.action.clone(),
            })
        }
    }
}

/// The WS-Addressing actions of an operation's input and output: the explicit
/// `wsam:Action` / `wsaw:Action`; else, for the input, a non-empty `soapAction` (as JAX-WS
/// does: the SOAP 1.1 binding of WS-Addressing requires `SOAPAction` to equal the action);
/// else the default action pattern of WS-Addressing 1.0 Metadata §4.4.4 for WSDL 1.1.
fn actions(
    pt: &crate::document::PortType,
    op: &crate::document::Operation,
    soap_action: &str,
) -> (String, Option<String>) {
    let one_way = op.output.is_none();
    let name = |io: &Option<crate::document::IoMessage>, suffix: &str| {
        io.as_ref()
            .and_then(|m| m.name.clone())
            .unwrap_or_else(|| format!("{}{suffix}", op.name))
    };
    let input = op.input.as_ref().and_then(|m| m.action.clone());
    let input = input
        .or_else(|| (!soap_action.is_empty()).then(|| soap_action.to_owned()))
        .unwrap_or_else(|| {
            let suffix = if one_way { "" } else { "Request" };
            default_action(&pt.name, &[&name(&op.input, suffix)])
        });
    let output = op.output.as_ref().map(|m| {
        m.action
            .clone()
            .unwrap_or_else(|| default_action(&pt.name, &[&name(&op.output, "Response")]))
    });
    (input, output)
}

/// `[target namespace][delimiter][port type name][delimiter][name]…`: the delimiter is `:`
/// for a `urn:` namespace, else `/`, and is not doubled after a namespace ending in it.
fn default_action(port_type: &QName, names: &[&str]) -> String {
    let ns = &port_type.ns;
    let delimiter = if ns.to_ascii_lowercase().starts_with("urn:") {
        ':'
    } else {
        '/'
    };
    let mut action = ns.clone();
    if !action.ends_with(delimiter) {
        action.push(delimiter);
    }
    action.push_str(&port_type.local);
    for name in names {
        action.push(delimiter);
        action.push_str(name);
    }
    action
}

fn pick_binding<'d>(defs: &'d Definitions, port_type: &QName) -> Option<&'d Binding> {
    let soap = |v| {
        defs.bindings
            .iter()
            .find(|b| &b.port_type == port_type && b.soap == Some(v))
    };
    soap(SoapVersion::Soap11).or_else(|| soap(SoapVersion::Soap12))
}

/// Resolves each portType that has a SOAP binding.
pub(super) fn resolve_services(
    defs: &Definitions,
    model: &mut Model,
) -> Result<Vec<PortTypeModel>, ResolveError> {
    for b in &defs.bindings {
        let Some(pt) = defs.port_types.iter().find(|p| p.name == b.port_type) else {
            return Err(ResolveError::unresolved(
                b.span,
                format!(
                    "binding {} refers to undefined portType {}",
                    b.name.local, b.port_type
                ),
            ));
        };
        for bop in &b.operations {
            if !pt.operations.iter().any(|o| o.name == bop.name) {
                return Err(ResolveError::unresolved(
                    bop.span,
                    format!(
                        "binding {} has operation `{}`, which portType {} does not declare",
                        b.name.local, bop.name, pt.name.local
                    ),
                ));
            }
        }
    }
    for s in &defs.services {
        for p in &s.ports {
            if !defs.bindings.iter().any(|b| b.name == p.binding) {
                // gSOAP and zeep skip such a port; the binding's code does not need it.
                model.warnings.push(super::Warning {
                    span: p.span,
                    message: format!(
                        "port {} refers to undefined binding {}: the port is ignored",
                        p.name, p.binding
                    ),
                });
            }
        }
    }
    let mut out = Vec::new();
    for pt in &defs.port_types {
        let Some(binding) = pick_binding(defs, &pt.name) else {
            continue;
        };
        let version = binding.soap.unwrap_or(SoapVersion::Soap11);
        let service = defs.services.iter().find_map(|s| {
            s.ports
                .iter()
                .find(|p| p.binding == binding.name)
                .map(|p| (s.name.clone(), p.name.clone(), p.address.clone()))
        });
        let mut operations = Vec::new();
        for op in &pt.operations {
            let bop = binding.operations.iter().find(|b| b.name == op.name);
            let rpc = bop
                .and_then(|b| b.style.as_deref())
                .or(binding.style.as_deref())
                == Some("rpc");
            let Some(input) = op.input.as_ref() else {
                // A notification (output only) has no request to send: nothing to generate.
                continue;
            };
            let io = |output| OpBinding {
                name: &op.name,
                rpc,
                output,
            };
            let input = message_model(
                defs,
                model,
                input,
                bop.and_then(|b| b.input.as_ref()),
                io(false),
            )?;
            let output = match &op.output {
                Some(o) => Some(message_model(
                    defs,
                    model,
                    o,
                    bop.and_then(|b| b.output.as_ref()),
                    io(true),
                )?),
                None => None,
            };
            let mut faults = Vec::new();
            for f in &op.faults {
                let Ok(m) = find_message(defs, &f.message, f.span) else {
                    model.warnings.push(super::Warning {
                        span: f.span,
                        message: format!(
                            "fault {} refers to undefined message {}: the fault is received untyped",
                            f.name.as_deref().unwrap_or(""),
                            f.message
                        ),
                    });
                    continue;
                };
                let Some(part) = m.parts.first() else {
                    continue;
                };
                let field = part_field(model, part)?;
                let name = f.name.clone().unwrap_or_else(|| m.name.local.clone());
                let action = f
                    .action
                    .clone()
                    .unwrap_or_else(|| default_action(&pt.name, &[&op.name, "Fault", &name]));
                faults.push(FaultModel {
                    name,
                    element: QName::new(field.ns.clone(), field.name.clone()),
                    ty: field.ty,
                    action,
                });
            }
            let soap_action = bop.and_then(|b| b.soap_action.clone()).unwrap_or_default();
            let (input_action, output_action) = actions(pt, op, &soap_action);
            operations.push(OperationModel {
                input_action,
                output_action,
                name: op.name.clone(),
                doc: op.doc.clone(),
                soap_action,
                input,
                output,
                faults,
                span: op.span,
            });
        }
        let other_bindings = defs
            .bindings
            .iter()
            .filter(|b| b.port_type == pt.name && b.name != binding.name)
            .filter_map(|b| {
                let version = b.soap?;
                let address = defs
                    .services
                    .iter()
                    .flat_map(|s| &s.ports)
                    .find(|p| p.binding == b.name)
                    .and_then(|p| p.address.clone());
                Some((b.name.local.clone(), version, address))
            })
            .collect();
        out.push(PortTypeModel {
            policy: binding.policy,
            other_bindings,
            name: pt.name.clone(),
            doc: pt.doc.clone(),
            binding: binding.name.clone(),
            version,
            service,
            operations,
        });
    }
    Ok(out)
}
