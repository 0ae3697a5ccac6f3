//! WS-Policy attached to a binding (WS-Policy 1.2 and 1.5, WS-SecurityPolicy 1.1–1.3,
//! WS-Addressing metadata): what the runtime can honour (a UsernameToken with text or digest
//! password, a timestamp) becomes part of the binding; every assertion it cannot honour is a
//! warning naming the assertion, never silently dropped.
//!
//! Policies are found inline in `wsdl:binding` and its operations and messages, or through
//! `wsp:PolicyReference URI="#id"` to a `wsp:Policy` of the same document (`wsu:Id`, `xml:id`
//! or `Name`). Of the alternatives of a `wsp:ExactlyOne`, the first one without unsupported
//! assertions is taken (else the first, with its warnings).

use roxmltree::Node;

use super::parse::Reader;

const WSP12_NS: &str = "http://schemas.xmlsoap.org/ws/2004/09/policy";
const WSP15_NS: &str = "http://www.w3.org/ns/ws-policy";
const SP_NS: [&str; 3] = [
    "http://schemas.xmlsoap.org/ws/2005/07/securitypolicy",
    "http://docs.oasis-open.org/ws-sx/ws-securitypolicy/200702",
    "http://docs.oasis-open.org/ws-sx/ws-securitypolicy/200802",
];
const WSU_NS: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";
/// WS-Addressing 1.0 (W3C) metadata namespaces: `wsaw:UsingAddressing` (WSDL binding, and
/// its candidate-recommendation draft) and `wsam:Addressing` (metadata).
const ADDRESSING_NS: [&str; 3] = [
    "http://www.w3.org/2006/05/addressing/wsdl",
    "http://www.w3.org/2007/05/addressing/metadata",
    "http://www.w3.org/2006/02/addressing/wsdl",
];
/// The pre-standard WS-Addressing (member submission, 2004/08) policy namespace.
const SUBMISSION_ADDRESSING_NS: &str = "http://schemas.xmlsoap.org/ws/2004/08/addressing/policy";
/// WSDL 1.1 namespace (`wsdl:required` on extensibility elements).
const WSDL_NS: &str = "http://schemas.xmlsoap.org/wsdl/";

/// What a binding's policy asks of the runtime, as far as it can honour it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BindingPolicy {
    /// A WS-Security UsernameToken is required.
    pub username_token: Option<UsernameTokenPolicy>,
    /// The binding uses WS-Addressing 1.0.
    pub addressing: Option<AddressingPolicy>,
}

/// WS-Addressing 1.0 on a binding (`wsaw:UsingAddressing`, `wsam:Addressing`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AddressingPolicy {
    /// Every request must carry the addressing headers: a policy assertion not marked
    /// `wsp:Optional`, or `wsaw:UsingAddressing wsdl:required="true"` on the binding.
    pub required: bool,
}

/// `sp:UsernameToken` in a supporting-tokens assertion.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UsernameTokenPolicy {
    /// `sp:HashPassword`: the password goes as a digest.
    pub digest: bool,
    /// `sp:IncludeTimestamp`: a `wsu:Timestamp` goes with it.
    pub timestamp: bool,
}

/// The walk over one binding's policies: references being followed (a reference back to one
/// of them is a loop) and how many were expanded (a bound against chains that double).
struct Walk<'w, 'd> {
    reader: &'w Reader<'d>,
    path: Vec<roxmltree::NodeId>,
    expanded: usize,
}

/// Referenced policies expanded per binding at most (real WSDLs need a handful).
const MAX_EXPANSIONS: usize = 1000;

/// One policy alternative being collected.
#[derive(Default)]
struct Alternative<'a, 'i> {
    username_token: Option<UsernameTokenPolicy>,
    addressing: Option<AddressingPolicy>,
    timestamp: bool,
    /// Assertions the runtime cannot honour: where, and why.
    unsupported: Vec<(Node<'a, 'i>, String)>,
}

fn is_wsp(node: Node) -> bool {
    matches!(node.tag_name().namespace(), Some(WSP12_NS | WSP15_NS))
}

fn is_sp(node: Node) -> bool {
    node.tag_name()
        .namespace()
        .is_some_and(|ns| SP_NS.contains(&ns))
}

fn optional(node: Node) -> bool {
    [WSP12_NS, WSP15_NS]
        .iter()
        .any(|ns| matches!(node.attribute((*ns, "Optional")), Some("true" | "1")))
}

/// The binding's policy: every policy attached to it, its operations and their messages.
pub(super) fn binding_policy(reader: &Reader, binding: Node) -> BindingPolicy {
    let mut alt = Alternative::default();
    let mut walk = Walk {
        reader,
        path: Vec::new(),
        expanded: 0,
    };
    for node in binding.descendants().filter(|n| n.is_element()) {
        if is_wsp(node) && node.tag_name().name() == "Policy" && !nested_in_policy(node, binding) {
            collect_policy(&mut walk, node, &mut alt);
        } else if is_wsp(node)
            && node.tag_name().name() == "PolicyReference"
            && !nested_in_policy(node, binding)
        {
            follow(&mut walk, node, &mut alt);
        } else if node.parent_element() == Some(binding)
            && node.tag_name().name() == "UsingAddressing"
        {
            // The WSDL binding's marker: addressing is required only when it says so.
            let required = matches!(node.attribute((WSDL_NS, "required")), Some("true" | "1"));
            match node.tag_name().namespace() {
                Some(ns) if ADDRESSING_NS.contains(&ns) => {
                    let addressing = alt.addressing.get_or_insert_with(Default::default);
                    addressing.required |= required;
                }
                Some(SUBMISSION_ADDRESSING_NS) => alt
                    .unsupported
                    .push((node, SUBMISSION_UNSUPPORTED.to_owned())),
                _ => {}
            }
        }
    }
    if let Some(token) = &mut alt.username_token {
        token.timestamp |= alt.timestamp;
    }
    for (node, why) in alt.unsupported {
        reader.warn(node, why);
    }
    BindingPolicy {
        username_token: alt.username_token,
        addressing: alt.addressing,
    }
}

const SUBMISSION_UNSUPPORTED: &str = "WS-Addressing of the 2004/08 member submission is not \
     supported (only WS-Addressing 1.0): the generated client sends no wsa: headers";

/// Whether `node` sits inside another `wsp:Policy` below `top` (it is read with that one).
fn nested_in_policy(node: Node, top: Node) -> bool {
    node.ancestors()
        .skip(1)
        .take_while(|a| *a != top)
        .any(|a| is_wsp(a) && a.tag_name().name() == "Policy")
}

/// The `wsp:Policy` a `wsp:PolicyReference` names in the same document.
fn referenced<'a, 'i>(reference: Node<'a, 'i>) -> Option<Node<'a, 'i>> {
    let id = reference.attribute("URI")?.strip_prefix('#')?;
    reference.document().descendants().find(|n| {
        is_wsp(*n)
            && n.tag_name().name() == "Policy"
            && (n.attribute((WSU_NS, "Id")) == Some(id)
                || n.attribute((XML_NS, "id")) == Some(id)
                || n.attribute("Name") == Some(id))
    })
}

/// Collects the assertions of a policy expression (`Policy`, `All`, `ExactlyOne`) into `alt`.
fn collect_policy<'a, 'i>(walk: &mut Walk, expr: Node<'a, 'i>, alt: &mut Alternative<'a, 'i>) {
    for child in expr.children().filter(|c| c.is_element()) {
        if is_wsp(child) {
            match child.tag_name().name() {
                "Policy" | "All" => collect_policy(walk, child, alt),
                "ExactlyOne" => {
                    let mut alternatives = child
                        .children()
                        .filter(|c| c.is_element())
                        .map(|c| {
                            let mut a = Alternative::default();
                            if is_wsp(c) && c.tag_name().name() == "PolicyReference" {
                                follow(walk, c, &mut a);
                            } else if is_wsp(c) {
                                collect_policy(walk, c, &mut a);
                            } else {
                                assertion(walk, c, &mut a);
                            }
                            a
                        })
                        .collect::<Vec<_>>();
                    let pick = alternatives
                        .iter()
                        .position(|a| a.unsupported.is_empty())
                        .unwrap_or(0);
                    if pick < alternatives.len() {
                        merge(alt, alternatives.swap_remove(pick));
                    }
                }
                "PolicyReference" => follow(walk, child, alt),
                _ => {}
            }
        } else {
            assertion(walk, child, alt);
        }
    }
}

/// Follows a `wsp:PolicyReference` (a warning when it leads outside the document, back into
/// a policy being followed, or past the expansion bound).
fn follow<'a, 'i>(walk: &mut Walk, reference: Node<'a, 'i>, alt: &mut Alternative<'a, 'i>) {
    let why = match referenced(reference) {
        None => {
            "policy reference to a policy outside this document (or missing): not \
                 followed; its assertions are not applied"
        }
        Some(policy) if walk.path.contains(&policy.id()) => {
            "policy reference loop: the reference back is not followed"
        }
        Some(_) if walk.expanded >= MAX_EXPANSIONS => {
            "policy references expand too often: this one is not followed"
        }
        Some(policy) => {
            walk.expanded += 1;
            walk.path.push(policy.id());
            collect_policy(walk, policy, alt);
            walk.path.pop();
            return;
        }
    };
    alt.unsupported.push((reference, why.to_owned()));
}

fn merge<'a, 'i>(into: &mut Alternative<'a, 'i>, from: Alternative<'a, 'i>) {
    if from.username_token.is_some() {
        into.username_token = from.username_token;
    }
    if let Some(from) = from.addressing {
        let into = into.addressing.get_or_insert_with(Default::default);
        into.required |= from.required;
    }
    into.timestamp |= from.timestamp;
    into.unsupported.extend(from.unsupported);
}

/// The nested `wsp:Policy` of an assertion, if any.
fn nested_policy<'a, 'i>(assertion: Node<'a, 'i>) -> Option<Node<'a, 'i>> {
    assertion
        .children()
        .find(|c| c.is_element() && is_wsp(*c) && c.tag_name().name() == "Policy")
}

/// One assertion.
fn assertion<'a, 'i>(walk: &mut Walk, node: Node<'a, 'i>, alt: &mut Alternative<'a, 'i>) {
    let local = node.tag_name().name();
    let ns = node.tag_name().namespace().unwrap_or("");
    let why = if is_sp(node) {
        match local {
            "SupportingTokens"
            | "SignedSupportingTokens"
            | "EncryptedSupportingTokens"
            | "SignedEncryptedSupportingTokens" => {
                if let Some(policy) = nested_policy(node) {
                    let mut tokens = Alternative::default();
                    collect_tokens(policy, &mut tokens);
                    merge(alt, tokens);
                }
                None
            }
            "TransportBinding" => {
                transport_binding(node, alt);
                None
            }
            // Statements of what the other side can process: nothing to send.
            "Wss10" | "Wss11" | "Trust10" | "Trust13" | "AlgorithmSuite" | "Layout" => None,
            "AsymmetricBinding" | "SymmetricBinding" => Some(format!(
                "sp:{local}: message signing and encryption (WS-Security with X.509 or \
                 symmetric keys) are not supported"
            )),
            "SignedParts" | "EncryptedParts" | "SignedElements" | "EncryptedElements" => Some(
                format!("sp:{local}: signed or encrypted message parts are not supported"),
            ),
            _ => Some(format!("sp:{local}: not supported")),
        }
    } else if ADDRESSING_NS.contains(&ns) && matches!(local, "UsingAddressing" | "Addressing") {
        addressing(node, alt);
        None
    } else if ns == SUBMISSION_ADDRESSING_NS {
        Some(SUBMISSION_UNSUPPORTED.to_owned())
    } else if local == "OptimizedMimeSerialization" {
        Some("MTOM (OptimizedMimeSerialization) is not supported yet".to_owned())
    } else if is_wsp(node) && node.tag_name().name() == "PolicyReference" {
        follow(walk, node, alt);
        None
    } else if is_wsp(node) {
        collect_policy(walk, node, alt);
        None
    } else {
        Some(format!("policy assertion {{{ns}}}{local} is not supported"))
    };
    if let Some(why) = why.filter(|_| !optional(node)) {
        alt.unsupported.push((node, why));
    }
}

/// `wsam:Addressing` / `wsaw:UsingAddressing` as a policy assertion: required unless
/// `wsp:Optional`. Replies are sent back on the HTTP response (anonymous); a policy that
/// requires replies to other endpoints (`wsam:NonAnonymousResponses` alone) cannot be
/// honoured.
fn addressing<'a, 'i>(node: Node<'a, 'i>, alt: &mut Alternative<'a, 'i>) {
    let into = alt.addressing.get_or_insert_with(Default::default);
    into.required |= !optional(node);
    let nested = |name: &str| {
        nested_policy(node).and_then(|p| {
            p.descendants().find(|n| {
                n.is_element()
                    && n.tag_name().name() == name
                    && n.tag_name()
                        .namespace()
                        .is_some_and(|ns| ADDRESSING_NS.contains(&ns))
            })
        })
    };
    if let (Some(non_anonymous), None) = (
        nested("NonAnonymousResponses"),
        nested("AnonymousResponses"),
    ) {
        alt.unsupported.push((
            non_anonymous,
            "wsam:NonAnonymousResponses: replies to another endpoint than the HTTP response are \
             not supported"
                .to_owned(),
        ));
    }
}

/// `sp:TransportBinding`: a timestamp is honoured; HTTPS and client-certificate requirements
/// cannot be checked by the runtime.
fn transport_binding<'a, 'i>(node: Node<'a, 'i>, alt: &mut Alternative<'a, 'i>) {
    let Some(policy) = nested_policy(node) else {
        return;
    };
    for a in policy.descendants().filter(|n| n.is_element() && is_sp(*n)) {
        match a.tag_name().name() {
            "IncludeTimestamp" => alt.timestamp = true,
            "HttpsToken" => alt.unsupported.push((
                a,
                "sp:HttpsToken: the service requires HTTPS, which the runtime does not check; \
                 give the client an https:// endpoint"
                    .to_owned(),
            )),
            "RequireClientCertificate" => alt.unsupported.push((
                a,
                "sp:RequireClientCertificate: configure a client certificate on the HTTP \
                 transport (client_certificate_pem); not checked"
                    .to_owned(),
            )),
            _ => {}
        }
    }
}

/// The tokens of a supporting-tokens policy.
fn collect_tokens<'a, 'i>(policy: Node<'a, 'i>, alt: &mut Alternative<'a, 'i>) {
    for token in policy.children().filter(|c| c.is_element()) {
        if is_wsp(token) {
            match token.tag_name().name() {
                "All" | "ExactlyOne" | "Policy" => collect_tokens(token, alt),
                "PolicyReference" => alt.unsupported.push((
                    token,
                    "a policy reference among supporting tokens is not followed".to_owned(),
                )),
                _ => {}
            }
            continue;
        }
        let local = token.tag_name().name();
        if is_sp(token) && local == "UsernameToken" {
            let options = nested_policy(token);
            let has = |name: &str| {
                options.is_some_and(|p| {
                    p.descendants()
                        .any(|n| n.is_element() && is_sp(n) && n.tag_name().name() == name)
                })
            };
            if has("NoPassword") {
                alt.unsupported.push((
                    token,
                    "sp:UsernameToken with sp:NoPassword is not supported".to_owned(),
                ));
            }
            alt.username_token = Some(UsernameTokenPolicy {
                digest: has("HashPassword"),
                timestamp: false,
            });
        } else if is_sp(token)
            && matches!(local, "AlgorithmSuite" | "SignedParts" | "EncryptedParts")
        {
            // Parts of the supporting-token policy that only matter with signatures.
            if !optional(token) && local != "AlgorithmSuite" {
                alt.unsupported.push((
                    token,
                    format!("sp:{local}: signed or encrypted message parts are not supported"),
                ));
            }
        } else if !optional(token) {
            alt.unsupported.push((
                token,
                format!(
                    "{}{local} token: only sp:UsernameToken is supported",
                    if is_sp(token) { "sp:" } else { "" }
                ),
            ));
        }
    }
}
