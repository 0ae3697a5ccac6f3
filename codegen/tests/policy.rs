//! WS-Policy on bindings: a WS-SecurityPolicy UsernameToken becomes the binding's
//! `USERNAME_TOKEN` (digest and timestamp as the policy says), WS-Addressing 1.0 its
//! `ADDRESSING` table; every assertion the runtime cannot honour is a warning with its
//! position, never silently dropped.

use std::path::Path;

/// A WSDL with `policy` at the top level and `binding_extra` inside the binding.
fn wsdl(policy: &str, binding_extra: &str) -> String {
    format!(
        r#"<?xml version="1.0"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:wsp="http://schemas.xmlsoap.org/ws/2004/09/policy"
    xmlns:wsu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd"
    xmlns:sp="http://docs.oasis-open.org/ws-sx/ws-securitypolicy/200702"
    xmlns:wsaw="http://www.w3.org/2006/05/addressing/wsdl"
    xmlns:tns="urn:policy" targetNamespace="urn:policy">
{policy}
  <wsdl:types>
    <xs:schema targetNamespace="urn:policy" elementFormDefault="qualified">
      <xs:element name="Ping"><xs:complexType><xs:sequence/></xs:complexType></xs:element>
      <xs:element name="PingResponse"><xs:complexType><xs:sequence/></xs:complexType></xs:element>
    </xs:schema>
  </wsdl:types>
  <wsdl:message name="PingIn"><wsdl:part name="p" element="tns:Ping"/></wsdl:message>
  <wsdl:message name="PingOut"><wsdl:part name="p" element="tns:PingResponse"/></wsdl:message>
  <wsdl:portType name="Svc">
    <wsdl:operation name="Ping"><wsdl:input message="tns:PingIn"/><wsdl:output message="tns:PingOut"/></wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="SvcBinding" type="tns:Svc">
{binding_extra}
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http" style="document"/>
    <wsdl:operation name="Ping">
      <soap:operation soapAction="urn:policy/Ping"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input>
      <wsdl:output><soap:body use="literal"/></wsdl:output>
    </wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="Svc"><wsdl:port name="P" binding="tns:SvcBinding"><soap:address location="http://localhost/svc"/></wsdl:port></wsdl:service>
</wsdl:definitions>"#
    )
}

fn generate(source: String) -> wsdl_codegen::Generated {
    wsdl_codegen::configure()
        .generate_source(Path::new("policy.wsdl"), source)
        .unwrap_or_else(|e| panic!("{e}"))
}

/// WCF's shape: a referenced policy with a transport binding and signed supporting tokens.
const WCF_STYLE: &str = r#"
  <wsp:Policy wsu:Id="SvcBinding_policy">
    <wsp:ExactlyOne><wsp:All>
      <sp:TransportBinding><wsp:Policy>
        <sp:TransportToken><wsp:Policy><sp:HttpsToken/></wsp:Policy></sp:TransportToken>
        <sp:AlgorithmSuite><wsp:Policy><sp:Basic256/></wsp:Policy></sp:AlgorithmSuite>
        <sp:Layout><wsp:Policy><sp:Strict/></wsp:Policy></sp:Layout>
        <sp:IncludeTimestamp/>
      </wsp:Policy></sp:TransportBinding>
      <sp:SignedSupportingTokens><wsp:Policy>
        <sp:UsernameToken sp:IncludeToken="http://docs.oasis-open.org/ws-sx/ws-securitypolicy/200702/IncludeToken/AlwaysToRecipient">
          <wsp:Policy><sp:WssUsernameToken10/></wsp:Policy>
        </sp:UsernameToken>
      </wsp:Policy></sp:SignedSupportingTokens>
      <sp:Wss11><wsp:Policy/></sp:Wss11>
    </wsp:All></wsp:ExactlyOne>
  </wsp:Policy>"#;

#[test]
fn a_username_token_policy_turns_the_token_on() {
    let generated = generate(wsdl(
        WCF_STYLE,
        r##"<wsp:PolicyReference URI="#SvcBinding_policy"/>"##,
    ));
    let code = generated.code.split_whitespace().collect::<String>();
    assert!(code.contains("constUSERNAME_TOKEN:"), "{}", generated.code);
    let value =
        "Option::Some(::soap_runtime::__private::TokenPolicy{digest:false,timestamp:true,})";
    assert!(code.contains(value), "{}", generated.code);
    assert!(generated
        .code
        .contains("with_credentials(username, password)"));
    // HTTPS cannot be checked by the runtime: a warning at the assertion.
    assert_eq!(generated.warnings.len(), 1, "{:?}", generated.warnings);
    assert!(
        generated.warnings[0].contains("policy.wsdl:")
            && generated.warnings[0].contains("sp:HttpsToken"),
        "{:?}",
        generated.warnings
    );
}

#[test]
fn hash_password_and_inline_policies() {
    let inline = r#"<wsp:Policy><sp:SupportingTokens><wsp:Policy>
        <sp:UsernameToken><wsp:Policy><sp:HashPassword/></wsp:Policy></sp:UsernameToken>
      </wsp:Policy></sp:SupportingTokens></wsp:Policy>"#;
    let generated = generate(wsdl("", inline));
    let code = generated.code.split_whitespace().collect::<String>();
    assert!(
        code.contains("TokenPolicy{digest:true,timestamp:false,}"),
        "{code}"
    );
    assert!(generated.warnings.is_empty(), "{:?}", generated.warnings);
}

#[test]
fn assertions_the_runtime_cannot_honour_are_warnings() {
    let policy = r#"
  <wsp:Policy wsu:Id="p">
    <sp:AsymmetricBinding><wsp:Policy/></sp:AsymmetricBinding>
    <sp:SignedParts><sp:Body/></sp:SignedParts>
    <sp:EndorsingSupportingTokens><wsp:Policy><sp:X509Token/></wsp:Policy></sp:EndorsingSupportingTokens>
    <x:Custom xmlns:x="urn:custom"/>
    <x:Ignorable xmlns:x="urn:custom" wsp:Optional="true"/>
  </wsp:Policy>"#;
    let binding = r##"<wsp:PolicyReference URI="#p"/><wsp:PolicyReference URI="http://elsewhere/p.xml"/><wsap:UsingAddressing xmlns:wsap="http://schemas.xmlsoap.org/ws/2004/08/addressing/policy"/>"##;
    let generated = generate(wsdl(policy, binding));
    assert!(
        !generated.code.contains("USERNAME_TOKEN"),
        "no token policy"
    );
    let warnings = generated.warnings.join("\n");
    for expected in [
        "sp:AsymmetricBinding",
        "sp:SignedParts",
        "sp:EndorsingSupportingTokens",
        "{urn:custom}Custom",
        "outside this document",
        "2004/08 member submission",
    ] {
        assert!(
            warnings.contains(expected),
            "{expected} missing:\n{warnings}"
        );
    }
    assert!(!warnings.contains("Ignorable"), "{warnings}");
    assert_eq!(generated.warnings.len(), 6, "{warnings}");
}

#[test]
fn the_first_supported_alternative_is_taken() {
    let policy = r#"
  <wsp:Policy wsu:Id="p"><wsp:ExactlyOne>
    <wsp:All><sp:SymmetricBinding><wsp:Policy/></sp:SymmetricBinding></wsp:All>
    <wsp:All><sp:SupportingTokens><wsp:Policy><sp:UsernameToken/></wsp:Policy></sp:SupportingTokens></wsp:All>
  </wsp:ExactlyOne></wsp:Policy>"#;
    let generated = generate(wsdl(policy, r##"<wsp:PolicyReference URI="#p"/>"##));
    let code = generated.code.split_whitespace().collect::<String>();
    assert!(
        code.contains("TokenPolicy{digest:false,timestamp:false,}"),
        "{code}"
    );
    assert!(generated.warnings.is_empty(), "{:?}", generated.warnings);
}

#[test]
fn reference_loops_end_with_a_warning() {
    // A policy referencing itself twice: without loop detection the walk doubles at every
    // level and the generator never ends.
    let policy = r##"
  <wsp:Policy wsu:Id="p">
    <wsp:PolicyReference URI="#p"/><wsp:PolicyReference URI="#p"/>
    <sp:SupportingTokens><wsp:Policy><sp:UsernameToken/></wsp:Policy></sp:SupportingTokens>
  </wsp:Policy>"##;
    let generated = generate(wsdl(policy, r##"<wsp:PolicyReference URI="#p"/>"##));
    let code = generated.code.split_whitespace().collect::<String>();
    assert!(
        code.contains("TokenPolicy{digest:false,timestamp:false,}"),
        "{code}"
    );
    assert_eq!(generated.warnings.len(), 2, "{:?}", generated.warnings);
    assert!(generated
        .warnings
        .iter()
        .all(|w| w.contains("reference loop")));
}

#[test]
fn a_reference_as_an_alternative_is_followed() {
    let policy = r##"
  <wsp:Policy wsu:Id="ut"><sp:SupportingTokens><wsp:Policy>
    <sp:UsernameToken><wsp:Policy><sp:HashPassword/></wsp:Policy></sp:UsernameToken>
  </wsp:Policy></sp:SupportingTokens></wsp:Policy>
  <wsp:Policy wsu:Id="p"><wsp:ExactlyOne><wsp:PolicyReference URI="#ut"/></wsp:ExactlyOne></wsp:Policy>"##;
    let generated = generate(wsdl(policy, r##"<wsp:PolicyReference URI="#p"/>"##));
    let code = generated.code.split_whitespace().collect::<String>();
    assert!(
        code.contains("TokenPolicy{digest:true,timestamp:false,}"),
        "{code}"
    );
    assert!(generated.warnings.is_empty(), "{:?}", generated.warnings);
}

/// The `ADDRESSING` constant of the generated binding, white space removed (`None` if absent).
fn addressing(generated: &wsdl_codegen::Generated) -> Option<String> {
    let code = generated.code.split_whitespace().collect::<String>();
    let start = code.find("constADDRESSING:")?;
    let end = code[start..].find(");").map_or(code.len(), |e| start + e);
    Some(code[start..end].to_owned())
}

#[test]
fn addressing_in_a_policy_is_required() {
    let policy = r#"<wsp:Policy wsu:Id="p"><wsp:ExactlyOne><wsp:All>
        <wsaw:UsingAddressing/></wsp:All></wsp:ExactlyOne></wsp:Policy>"#;
    let generated = generate(wsdl(policy, r##"<wsp:PolicyReference URI="#p"/>"##));
    let table = addressing(&generated).expect("an ADDRESSING table");
    assert!(table.contains("required:true"), "{table}");
    // urn: namespaces use ':' in the default pattern; a soapAction is the input's action.
    assert!(
        table.contains(
            r#"operation:"Ping",input:"urn:policy/Ping",output:"urn:policy:Svc:PingResponse""#
        ),
        "{table}"
    );
    assert!(generated.warnings.is_empty(), "{:?}", generated.warnings);
    assert!(generated.code.contains("It requires WS-Addressing 1.0"));
}

#[test]
fn using_addressing_on_the_binding_is_optional_unless_required() {
    let generated = generate(wsdl("", "<wsaw:UsingAddressing/>"));
    let table = addressing(&generated).expect("an ADDRESSING table");
    assert!(table.contains("required:false"), "{table}");
    assert!(generated.warnings.is_empty(), "{:?}", generated.warnings);
    let generated = generate(wsdl("", r#"<wsaw:UsingAddressing wsdl:required="true"/>"#));
    let table = addressing(&generated).expect("an ADDRESSING table");
    assert!(table.contains("required:true"), "{table}");
    // Without any addressing marker there is no table (and earlier snapshots stay as they were).
    assert_eq!(addressing(&generate(wsdl("", ""))), None);
}

#[test]
fn wsam_addressing_optional_and_non_anonymous_responses() {
    let policy = r#"<wsp:Policy wsu:Id="p"><wsam:Addressing wsp:Optional="true"
        xmlns:wsam="http://www.w3.org/2007/05/addressing/metadata"><wsp:Policy>
        <wsam:AnonymousResponses/></wsp:Policy></wsam:Addressing></wsp:Policy>"#;
    let generated = generate(wsdl(policy, r##"<wsp:PolicyReference URI="#p"/>"##));
    let table = addressing(&generated).expect("an ADDRESSING table");
    assert!(table.contains("required:false"), "{table}");
    assert!(generated.warnings.is_empty(), "{:?}", generated.warnings);

    let policy = r#"<wsp:Policy wsu:Id="p"><wsam:Addressing
        xmlns:wsam="http://www.w3.org/2007/05/addressing/metadata"><wsp:Policy>
        <wsam:NonAnonymousResponses/></wsp:Policy></wsam:Addressing></wsp:Policy>"#;
    let generated = generate(wsdl(policy, r##"<wsp:PolicyReference URI="#p"/>"##));
    assert!(addressing(&generated).is_some());
    assert_eq!(generated.warnings.len(), 1, "{:?}", generated.warnings);
    assert!(generated.warnings[0].contains("NonAnonymousResponses"));
}
