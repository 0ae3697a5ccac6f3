//! Stage 3: the Rust plan.
//!
//! Decides what Rust items exist and what they are called: which types the selected operations reach,
//! every identifier (through [`crate::naming`] only), the Rust type of every field with its XML
//! name and cardinality, header structs shared by operations, and the client and server items of
//! every portType. Emission then only turns this plan into tokens.

mod services;
mod types;

use std::collections::BTreeMap;

pub use services::{FormPlan, HeaderStruct, OperationPlan, ServicePlan};
pub use types::{
    Cardinality, ChoicePlan, Content, DictionaryPlan, EnumPlan, FieldPlan, Item, Role, RustTy,
    StructPlan,
};

use crate::document::{SoapVersion, Span};
use crate::naming;
use crate::resolve::{Model, TypeId};
use crate::ErrorKind;

/// What to generate.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// Operations to generate; empty means all.
    pub operations: Vec<String>,
    /// Generate the client trait and client type.
    pub client: bool,
    /// Generate the server trait and dispatcher.
    pub server: bool,
    /// (XML namespace, Rust path): types of the namespace are referred to, not generated.
    pub extern_paths: Vec<(String, String)>,
}

/// A namespace constant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NsConst {
    /// Constant identifier.
    pub ident: String,
    /// Namespace URI.
    pub uri: String,
}

/// Everything to emit for one WSDL.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Namespace constants used by the items.
    pub namespaces: Vec<NsConst>,
    /// Type items in arena order.
    pub items: Vec<Item>,
    /// Header structs.
    pub headers: Vec<HeaderStruct>,
    /// One per portType with operations selected.
    pub services: Vec<ServicePlan>,
    /// Generate clients.
    pub client: bool,
    /// Generate servers.
    pub server: bool,
}

/// A stage-3 error.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{message}")]
pub struct PlanError {
    /// What was wrong.
    pub message: String,
    /// Where (the declaration concerned).
    pub span: Span,
    /// What kind of problem.
    pub kind: ErrorKind,
}

impl PlanError {
    /// A construct that cannot be mapped to Rust ([`ErrorKind::Unsupported`]).
    pub(crate) fn new(span: Span, message: impl Into<String>) -> Self {
        PlanError {
            message: message.into(),
            span,
            kind: ErrorKind::Unsupported,
        }
    }

    /// An operation asked for that the WSDL does not have ([`ErrorKind::UnknownOperation`]).
    fn unknown_operation(message: String) -> Self {
        PlanError {
            message,
            span: Span::default(),
            kind: ErrorKind::UnknownOperation,
        }
    }
}

/// Per-plan naming state shared by the type and service planners.
pub(crate) struct Names {
    /// Type identifiers by arena index.
    pub type_idents: BTreeMap<TypeId, String>,
    /// Namespace URI → constant identifier.
    pub ns_idents: BTreeMap<String, String>,
    ns_scope: naming::Scope,
    ns_order: Vec<NsConst>,
    /// The root module's type namespace.
    pub root: naming::Scope,
    /// Response bodies of operations named after secrets (`GetAccessToken`, `SetGeneratedPassword`):
    /// every field of them is redacted in `Debug`.
    pub secret_bodies: std::collections::BTreeSet<TypeId>,
}

impl Names {
    /// The constant holding `uri`, created on first use ("" has none: unqualified names use `""`).
    pub fn ns(&mut self, uri: &str) -> String {
        if let Some(ident) = self.ns_idents.get(uri) {
            return ident.clone();
        }
        let stem = uri
            .trim_end_matches('/')
            .rsplit(['/', ':', '#'])
            .find(|s| !s.is_empty())
            .unwrap_or("namespace");
        let ident = self
            .ns_scope
            .claim(format!("NS_{}", naming::const_name(stem)));
        self.ns_idents.insert(uri.to_owned(), ident.clone());
        self.ns_order.push(NsConst {
            ident: ident.clone(),
            uri: uri.to_owned(),
        });
        ident
    }
}

/// Builds the plan for `model`.
pub fn plan(model: &Model, options: &Options) -> Result<Plan, PlanError> {
    for name in &options.operations {
        let known = model
            .port_types
            .iter()
            .any(|p| p.operations.iter().any(|o| &o.name == name));
        if !known {
            let mut all: Vec<&str> = model
                .port_types
                .iter()
                .flat_map(|p| p.operations.iter().map(|o| o.name.as_str()))
                .collect();
            all.sort_unstable();
            let hint = close_matches(name, &all);
            return Err(PlanError::unknown_operation(format!(
                "no operation named `{name}` in the WSDL{hint}"
            )));
        }
    }
    let selected =
        |op: &str| options.operations.is_empty() || options.operations.iter().any(|o| o == op);

    let reachable = types::reachable(model, &selected);
    let mut names = Names {
        type_idents: BTreeMap::new(),
        ns_idents: BTreeMap::new(),
        ns_scope: naming::Scope::default(),
        ns_order: Vec::new(),
        root: naming::Scope::with_reserved(naming::PRELUDE),
        secret_bodies: model
            .port_types
            .iter()
            .flat_map(|p| &p.operations)
            .filter(|o| naming::is_secret(&o.name, naming::SecretRule::AnyWord))
            .filter_map(|o| match o.output.as_ref().map(|out| out.body_ty) {
                Some(crate::resolve::TypeRef::Def(id)) => Some(id),
                _ => None,
            })
            .collect(),
    };
    let extern_path = |id: TypeId| {
        let ns = &model.ty(id).ns;
        options
            .extern_paths
            .iter()
            .find(|(n, _)| n == ns)
            .map(|(_, path)| path.trim_end_matches("::").to_owned())
    };
    for id in &reachable {
        let ident = naming::type_name(&model.ty(*id).origin.base_name());
        let ident = match extern_path(*id) {
            // The other crate named it by the same rules; it is referred to by path.
            Some(path) => format!("{path}::{ident}"),
            None => names.root.claim(ident),
        };
        names.type_idents.insert(*id, ident);
    }
    let mut items = Vec::new();
    for id in &reachable {
        if extern_path(*id).is_some() {
            continue;
        }
        if let Some(item) = types::plan_type(model, *id, &mut names)? {
            items.push(item);
        }
    }
    let (headers, services, faults) = services::plan_services(model, &selected, &mut names)?;
    items.extend(faults);
    Ok(Plan {
        namespaces: names.ns_order,
        items,
        headers,
        services,
        client: options.client,
        server: options.server,
    })
}

fn close_matches(name: &str, all: &[&str]) -> String {
    let lower = name.to_lowercase();
    let close: Vec<&str> = all
        .iter()
        .filter(|o| {
            let o = o.to_lowercase();
            o.contains(&lower) || lower.contains(&o)
        })
        .copied()
        .take(5)
        .collect();
    if close.is_empty() {
        format!(
            " ({} operations available; `wsdl-codegen inspect` lists them)",
            all.len()
        )
    } else {
        format!("; did you mean {}?", close.join(", "))
    }
}

/// The runtime's SOAP version for a binding's.
pub fn version_ident(v: SoapVersion) -> &'static str {
    match v {
        SoapVersion::Soap11 => "Soap11",
        SoapVersion::Soap12 => "Soap12",
    }
}
