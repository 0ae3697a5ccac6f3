//! Planning header structs, operations, clients and servers.

use super::types::{plan_field, value_ty, ChoicePlan, FieldPlan, Item, RustTy, VariantPlan};
use super::{Names, PlanError};
use crate::document::{QName, SoapVersion};
use crate::naming;
use crate::resolve::services::{MessageModel, OperationModel};
use crate::resolve::{BodyForm, Field, HeaderPart, Model};

/// A struct holding the SOAP headers of one or more messages.
#[derive(Debug, Clone)]
pub struct HeaderStruct {
    /// Rust identifier.
    pub ident: String,
    /// One optional field per header element.
    pub fields: Vec<FieldPlan>,
    /// The header elements (for docs).
    pub elements: Vec<QName>,
}

/// How a message makes up the SOAP body (the runtime's `BodyForm`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormPlan {
    /// One element.
    Element,
    /// One rpc/encoded wrapper element.
    Encoded,
    /// The parts are the body's children (none: an empty body).
    Parts,
    /// No message (the response of a one-way operation).
    None,
}

/// One operation.
#[derive(Debug, Clone)]
pub struct OperationPlan {
    /// WSDL operation name.
    pub name: String,
    /// Method identifier.
    pub method: String,
    /// Identifier of its `OperationInfo` constant.
    pub const_ident: String,
    /// Documentation.
    pub doc: Option<String>,
    /// SOAPAction.
    pub soap_action: String,
    /// How the request makes up the body.
    pub request_form: FormPlan,
    /// How the response makes up the body.
    pub response_form: FormPlan,
    /// Request body element: (namespace constant, local name; empty for an empty body).
    pub request_element: (String, String),
    /// Response body element.
    pub response_element: (String, String),
    /// Request body type.
    pub request_ty: RustTy,
    /// Response body type.
    pub response_ty: RustTy,
    /// The enum of the operation's declared fault details, if it declares any.
    pub fault: Option<String>,
    /// Request header struct identifier (`None`: no headers, `()`).
    pub request_headers: Option<String>,
    /// Response header struct identifier.
    pub response_headers: Option<String>,
    /// WS-Addressing action of the request.
    pub input_action: String,
    /// WS-Addressing action of the response (`""` for a one-way operation).
    pub output_action: String,
    /// WS-Addressing actions of the declared faults: (detail element namespace, local name,
    /// action).
    pub fault_actions: Vec<(String, String, String)>,
}

/// Client and server items of one portType.
#[derive(Debug, Clone)]
pub struct ServicePlan {
    /// portType name.
    pub xml_name: String,
    /// Documentation of the portType.
    pub doc: Option<String>,
    /// Module with the operation constants.
    pub ops_module: String,
    /// Client module.
    pub client_module: String,
    /// Server module.
    pub server_module: String,
    /// Client trait.
    pub client_trait: String,
    /// Client struct.
    pub client_struct: String,
    /// Server trait.
    pub server_trait: String,
    /// Server dispatcher struct.
    pub server_struct: String,
    /// SOAP version of the binding.
    pub version: SoapVersion,
    /// Binding name.
    pub binding: String,
    /// The marker type implementing the runtime's `Binding` (named after the WSDL binding).
    pub binding_ident: String,
    /// The request header struct every operation shares (`None`: none, or they differ).
    pub request_headers: Option<String>,
    /// The response header struct every operation shares.
    pub response_headers: Option<String>,
    /// Address of the port, if any.
    pub address: Option<String>,
    /// Other SOAP bindings of the portType: (binding, version, address).
    pub other_bindings: Vec<(String, SoapVersion, Option<String>)>,
    /// Operations in portType order.
    pub operations: Vec<OperationPlan>,
    /// A WS-Security UsernameToken the binding's policy requires.
    pub username_token: Option<crate::document::UsernameTokenPolicy>,
    /// The binding uses WS-Addressing 1.0.
    pub addressing: Option<crate::document::AddressingPolicy>,
}

/// Header structs are shared between messages with the same header elements: the first set seen in
/// a direction is `{PortType}{Request|Response}Headers`, later different sets are named after their
/// message.
fn header_struct(
    model: &Model,
    parts: &[HeaderPart],
    preferred: String,
    fallback: String,
    headers: &mut Vec<HeaderStruct>,
    names: &mut Names,
) -> Result<Option<String>, PlanError> {
    if parts.is_empty() {
        return Ok(None);
    }
    let elements: Vec<QName> = parts.iter().map(|p| p.element.clone()).collect();
    if let Some(h) = headers.iter().find(|h| h.elements == elements) {
        return Ok(Some(h.ident.clone()));
    }
    let taken_preferred = headers.iter().any(|h| h.ident == preferred);
    let ident = names
        .root
        .claim(if taken_preferred { fallback } else { preferred });
    let mut scope = naming::Scope::default();
    let mut fields = Vec::new();
    for part in parts {
        let el = model.elements.get(&part.element);
        // Headers may always be absent on the wire, so every header is an optional field.
        let field = Field {
            name: part.element.local.clone(),
            ns: part.element.ns.clone(),
            ty: part.ty,
            min: 0,
            many: false,
            nillable: el.is_some_and(|e| e.nillable),
            xsd_type: None,
            doc: None,
            span: el.map(|e| e.span).unwrap_or_default(),
        };
        let ident = scope.claim(naming::field_name(&field.name));
        fields.push(plan_field(model, None, &field, ident, names)?);
    }
    headers.push(HeaderStruct {
        ident: ident.clone(),
        fields,
        elements,
    });
    Ok(Some(ident))
}

/// The enum of an operation's declared faults (`{Operation}Fault`), one variant per detail
/// element, decoded with `Fault::detail_choice` and encoded with `Fault::with_detail_choice`.
fn fault_enum(
    model: &Model,
    op: &OperationModel,
    names: &mut Names,
    items: &mut Vec<Item>,
) -> Option<String> {
    if op.faults.is_empty() {
        return None;
    }
    let ident = names
        .root
        .claim(format!("{}Fault", naming::type_name(&op.name)));
    let mut scope = naming::Scope::default();
    let mut variants: Vec<VariantPlan> = Vec::new();
    for f in &op.faults {
        if variants.iter().any(|v| {
            v.xml_name == f.element.local
                && v.ns
                    == names
                        .ns_idents
                        .get(&f.element.ns)
                        .cloned()
                        .unwrap_or_default()
        }) {
            continue; // two faults with the same detail element are one alternative
        }
        variants.push(VariantPlan {
            ident: scope.claim(naming::type_name(&f.name)),
            xml_name: f.element.local.clone(),
            ns: if f.element.ns.is_empty() {
                String::new()
            } else {
                names.ns(&f.element.ns)
            },
            ty: value_ty(model, f.ty, names),
            doc: None,
        });
    }
    items.push(Item::Choice(ChoicePlan {
        ident: ident.clone(),
        xml_name: format!("{} faults", op.name),
        doc: Some(format!(
            "The faults operation {} declares, as SOAP Fault detail entries: decode them with Fault::detail_choice, send them with Fault::with_detail_choice.",
            op.name
        )),
        polymorphic: false,
        abstract_base: false,
        variants,
    }));
    Some(ident)
}

fn form(message: Option<&MessageModel>) -> FormPlan {
    match message.map(|m| m.form) {
        None => FormPlan::None,
        Some(BodyForm::Element | BodyForm::Rpc { encoded: false }) => FormPlan::Element,
        Some(BodyForm::Rpc { encoded: true }) => FormPlan::Encoded,
        Some(BodyForm::Parts) => FormPlan::Parts,
    }
}

/// The Rust type of a message body: `()` for no message or an empty body.
fn body_ty(model: &Model, message: Option<&MessageModel>, names: &Names) -> RustTy {
    match message {
        Some(m) if !(m.form == BodyForm::Parts && m.body.local.is_empty()) => {
            value_ty(model, m.body_ty, names)
        }
        _ => RustTy::Unit,
    }
}

/// Header structs, services, and the fault enums of their operations.
pub(super) type Services = (Vec<HeaderStruct>, Vec<ServicePlan>, Vec<Item>);

/// Plans every portType's selected operations.
pub(super) fn plan_services(
    model: &Model,
    selected: &dyn Fn(&str) -> bool,
    names: &mut Names,
) -> Result<Services, PlanError> {
    let mut fault_items = Vec::new();
    let mut headers = Vec::new();
    let mut services = Vec::new();
    let mut modules = naming::Scope::default();
    for pt in &model.port_types {
        let ops: Vec<_> = pt.operations.iter().filter(|o| selected(&o.name)).collect();
        if ops.is_empty() {
            continue;
        }
        let base = naming::type_name(&pt.name.local);
        let snake = naming::field_name(&pt.name.local);
        let snake = snake.trim_start_matches("r#");
        let mut methods = naming::Scope::with_reserved(naming::CLIENT_METHODS);
        let mut consts = naming::Scope::with_reserved(&["ALL"]);
        // The binding has one header type per direction: the headers of every operation, each
        // optional (an operation's own headers are a subset).
        let union = |get: &dyn Fn(&crate::resolve::services::OperationModel) -> Vec<HeaderPart>| {
            let mut all: Vec<HeaderPart> = Vec::new();
            for op in &ops {
                for h in get(op) {
                    if !all.iter().any(|a| a.element == h.element) {
                        all.push(h);
                    }
                }
            }
            all
        };
        let request_parts = union(&|o| o.input.headers.clone());
        let response_parts = union(&|o| {
            o.output
                .as_ref()
                .map(|m| m.headers.clone())
                .unwrap_or_default()
        });
        let first = ops[0];
        let request_headers = header_struct(
            model,
            &request_parts,
            format!("{base}RequestHeaders"),
            format!("{}Headers", naming::type_name(&first.input.message.local)),
            &mut headers,
            names,
        )?;
        let response_headers = header_struct(
            model,
            &response_parts,
            format!("{base}ResponseHeaders"),
            format!("{base}OutputHeaders"),
            &mut headers,
            names,
        )?;
        let mut operations = Vec::new();
        for op in ops {
            let element = |names: &mut Names, q: &QName| {
                let ns = if q.ns.is_empty() {
                    String::new()
                } else {
                    names.ns(&q.ns)
                };
                (ns, q.local.clone())
            };
            operations.push(OperationPlan {
                name: op.name.clone(),
                method: methods.claim(naming::field_name(&op.name)),
                const_ident: consts.claim(naming::const_name(&op.name)),
                fault: fault_enum(model, op, names, &mut fault_items),
                doc: op.doc.clone(),
                soap_action: op.soap_action.clone(),
                request_form: form(Some(&op.input)),
                response_form: form(op.output.as_ref()),
                request_element: element(names, &op.input.body),
                response_element: match &op.output {
                    Some(o) => element(names, &o.body),
                    None => (String::new(), String::new()),
                },
                request_ty: body_ty(model, Some(&op.input), names),
                response_ty: body_ty(model, op.output.as_ref(), names),
                request_headers: request_headers.clone(),
                response_headers: response_headers.clone(),
                input_action: op.input_action.clone(),
                output_action: op.output_action.clone().unwrap_or_default(),
                fault_actions: op
                    .faults
                    .iter()
                    .map(|f| {
                        (
                            f.element.ns.clone(),
                            f.element.local.clone(),
                            f.action.clone(),
                        )
                    })
                    .collect(),
            });
        }
        services.push(ServicePlan {
            username_token: pt.policy.username_token,
            addressing: pt.policy.addressing,
            binding_ident: names.root.claim(naming::type_name(&pt.binding.local)),
            request_headers,
            response_headers,
            xml_name: pt.name.local.clone(),
            doc: pt.doc.clone(),
            ops_module: modules.claim(format!("{snake}_operations")),
            client_module: modules.claim(format!("{snake}_client")),
            server_module: modules.claim(format!("{snake}_server")),
            client_trait: format!("{base}Api"),
            client_struct: format!("{base}Client"),
            server_trait: format!("{base}Service"),
            server_struct: format!("{base}Server"),
            version: pt.version,
            binding: pt.binding.local.clone(),
            address: pt.service.as_ref().and_then(|s| s.2.clone()),
            other_bindings: pt.other_bindings.clone(),
            operations,
        });
    }
    Ok((headers, services, fault_items))
}
