//! Resolving portTypes, bindings and services into operations.

use super::{Model, ResolveError, TypeRef};
use crate::document::{
    Binding, BindingIo, Definitions, IoMessage, Message, QName, SoapVersion, Span,
};

/// A header element of a message (from `soap:header`).
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderPart {
    /// The header element.
    pub element: QName,
    /// Its type.
    pub ty: TypeRef,
}

/// The resolved input or output of an operation.
#[derive(Debug, Clone, PartialEq)]
pub struct MessageModel {
    /// The WSDL message name.
    pub message: QName,
    /// The body element (document/literal: one part with `element=`).
    pub body: QName,
    /// Its type.
    pub body_ty: TypeRef,
    /// Header elements in binding order.
    pub headers: Vec<HeaderPart>,
    /// WS-Addressing action, if declared.
    pub action: Option<String>,
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
    /// Where it is declared in the portType.
    pub span: Span,
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
    /// Operations in portType order.
    pub operations: Vec<OperationModel>,
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
            format!(
                "undefined element {q}: expected a global element of one of the inline schemas"
            ),
        )
    })
}

fn message_model(
    defs: &Definitions,
    model: &Model,
    io: &IoMessage,
    binding: Option<&BindingIo>,
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
        if h.use_.as_deref() == Some("encoded") {
            return Err(ResolveError::unsupported(
                h.span,
                "use=\"encoded\" (SOAP encoding) is not supported: expected use=\"literal\"",
            ));
        }
        let element = part.element.clone().ok_or_else(|| {
            ResolveError::unsupported(
                part.span,
                "header part without `element` attribute: expected document/literal headers",
            )
        })?;
        let ty = element_type(model, &element, part.span)?;
        if hm.name == message.name {
            header_parts.push(part.name.clone());
        }
        headers.push(HeaderPart { element, ty });
    }
    let body_binding = binding.and_then(|b| b.body.as_ref());
    if let Some(b) = body_binding {
        if b.use_.as_deref() == Some("encoded") {
            return Err(ResolveError::unsupported(
                b.span,
                "use=\"encoded\" (SOAP encoding) is not supported: expected use=\"literal\"",
            ));
        }
    }
    let body_parts: Vec<_> = message
        .parts
        .iter()
        .filter(|p| !header_parts.contains(&p.name))
        .filter(|p| match body_binding.and_then(|b| b.parts.as_ref()) {
            Some(names) => names.contains(&p.name),
            None => true,
        })
        .collect();
    let part = match body_parts.as_slice() {
        [part] => *part,
        [] => {
            return Err(ResolveError::unsupported(
                message.span,
                format!("message {} has no body part: expected exactly one part with an `element` attribute", message.name.local),
            ))
        }
        _ => {
            return Err(ResolveError::unsupported(
                message.span,
                format!("message {} has several body parts: only document/literal wrapped messages (one element part) are supported", message.name.local),
            ))
        }
    };
    let body = part.element.clone().ok_or_else(|| {
        ResolveError::unsupported(
            part.span,
            format!("part `{}` has no `element` attribute: rpc-style `type` parts are not supported, expected document/literal", part.name),
        )
    })?;
    Ok(MessageModel {
        message: message.name.clone(),
        body_ty: element_type(model, &body, part.span)?,
        body,
        headers,
        action: io.action.clone(),
    })
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
    model: &Model,
) -> Result<Vec<PortTypeModel>, ResolveError> {
    for b in &defs.bindings {
        if !defs.port_types.iter().any(|p| p.name == b.port_type) {
            return Err(ResolveError::unresolved(
                b.span,
                format!(
                    "binding {} refers to undefined portType {}",
                    b.name.local, b.port_type
                ),
            ));
        }
        if b.style.as_deref() == Some("rpc") {
            return Err(ResolveError::unsupported(
                b.span,
                "rpc-style bindings are not supported: expected style=\"document\"",
            ));
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
            if bop.and_then(|b| b.style.as_deref()) == Some("rpc") {
                return Err(ResolveError::unsupported(
                    op.span,
                    "rpc-style operations are not supported: expected style=\"document\"",
                ));
            }
            let input = op.input.as_ref().ok_or_else(|| {
                ResolveError::unsupported(
                    op.span,
                    format!(
                        "operation {} has no input: notification operations are not supported",
                        op.name
                    ),
                )
            })?;
            operations.push(OperationModel {
                name: op.name.clone(),
                doc: op.doc.clone(),
                soap_action: bop.and_then(|b| b.soap_action.clone()).unwrap_or_default(),
                input: message_model(defs, model, input, bop.and_then(|b| b.input.as_ref()))?,
                output: op
                    .output
                    .as_ref()
                    .map(|o| message_model(defs, model, o, bop.and_then(|b| b.output.as_ref())))
                    .transpose()?,
                span: op.span,
            });
        }
        out.push(PortTypeModel {
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
