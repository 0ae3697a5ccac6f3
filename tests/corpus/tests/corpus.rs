//! The corpus and fixture harness (see `build.rs`). Each check compares with an exact expected
//! list, so progress shows (an entry that no longer occurs must be removed) and so does a
//! regression:
//! - which WSDLs the generator refuses, [`EXPECTED_GENERATION_FAILURES`];
//! - every type of every generated module encodes and decodes back to an equal value, but
//!   [`EXPECTED_ROUNDTRIP_FAILURES`];
//! - every operation body (a SOAP `Body` element, see `operation_bodies`) validates against the
//!   WSDL's own schemas, each child of `Body` on its own (Python `xmlschema`, see
//!   `tests/schema/roundtrip.py`), but [`EXPECTED_INVALID`]; [`EXPECTED_NOT_VALIDATED`] are the
//!   children no global element declares; [`EXPECTED_LAX`] the rpc/encoded bodies valid only
//!   without their `xsi:type="soapenc:Array"`; [`EXPECTED_NOT_STRICT`] the WSDLs whose schemas
//!   only build in lax mode, or not at all.
//!
//! The bodies are written to `$TMPDIR/wsdl-corpus-tests-<pid>/<id>/`, kept when
//! `WSDL_CORPUS_KEEP_BODIES` is set.
//!
//! Needs `../shared/corpus` (next to the workspace) and a Python with `xmlschema`:
//! `$SCHEMA_CHECK_PYTHON`, or `.venv/bin/python` at the workspace root.

use std::path::{Path, PathBuf};
use std::process::Command;

use wsdl_corpus_tests::{Module, CORPUS_DIR, GENERATION_FAILURES, MODULES, ONLY};

/// `(id, "Kind: message")` of every WSDL not generated (or generated but not compiled,
/// `NotCompiled`, see `NOT_COMPILED` in build.rs). Shrink it as the generator learns.
const EXPECTED_GENERATION_FAILURES: &[(&str, &str)] = &[];
/// `(id, "Type: first line of the error")` of every sample that does not round-trip, and
/// `(id, "no sample: what")` of every type or operation the harness could not sample.
const EXPECTED_ROUNDTRIP_FAILURES: &[(&str, &str)] = &[];

/// `(id, "mode: reason")` of every generated WSDL whose schemas are not validated strictly.
const EXPECTED_NOT_STRICT: &[(&str, &str)] = &[
    ("sap-purchaseorder", "none: ParseError: syntax error: line 2, column 0"),
    ("euroconsumers-partner-wcf", "lax: XMLSchemaParseError: attribute 'nillable' not allowed"),
    ("node-soap-rpcexample", "lax: XMLSchemaParseError: missing base type '{http://www.w3.org/2003/05/soap-encoding}Array'"),
    ("onvif-ptz", "lax: XMLSchemaModelError: Unique Particle Attribution violation between XsdElement(name='tt:LensDescription', occurs=[0, None]) and XsdAnyElement(namespace=['http://www.onvif.org/ver10/…"),
];

/// `(id, "INVALID file: {ns}child: reason at path")` of every child of a `Body` the schemas
/// reject (the file is `NNN-Operation-request.xml` / `-response.xml`). The harness cannot know the
/// facets behind a Rust type (a pattern on a `String`, `xs:date` and `xs:language` mapped to
/// `String`, `xs:integer` mapped to `Decimal` and sampled `12.5`, a pattern on a `DateTime`), nor
/// the namespace constraint of a wildcard (its `AnyElement` / `AnyAttribute` samples are in
/// `urn:wsdl-corpus-tests:other`), so some samples are invalid by construction; the others are
/// generator gaps (an element's `fixed` value, a prohibited attribute, an abstract base, a choice
/// as optional fields, `xsi:type="soapenc:Array"` in a literal body).
const EXPECTED_INVALID: &[(&str, &str)] = &[
    ("fixture-choice", "INVALID 000-Register-request.xml: {http://example.com/fixtures/choice}Register: Unexpected child with tag '{http://example.com/fixtures/choice}voucher' at position 2. at /Register/payment"),
    ("fixture-multifile", "INVALID 001-GetCodes-response.xml: {http://example.com/fixtures/multifile/types}GetCodesResponse: XsdComplexType(name='tns:Array') cannot substitute XsdComplexType(name='tns:CodeList') at /GetCodesResponse"),
    ("fixture-simple", "INVALID 000-Quote-request.xml: {http://example.com/fixtures/simple}Quote: value doesn't match any pattern of ['[A-Z]{3}-[0-9]{4}'] at /Quote/sku"),
    ("vies-checkvat", "INVALID 000-checkVat-response.xml: {urn:ec.europa.eu:taxud:vies:services:checkVat:types}checkVatResponse: Invalid datetime string 's41' for <class 'elementpath.datatypes.datetime.Date10'> at /checkVatResponse/requestDate"),
    ("vies-checkvat", "INVALID 001-checkVatApprox-request.xml: {urn:ec.europa.eu:taxud:vies:services:checkVat:types}checkVatApprox: value doesn't match any pattern of ['[A-Z]{2}\\\\-[1-9][0-9]?'] at /checkVatApprox/traderCompanyType"),
    ("vies-checkvat", "INVALID 001-checkVatApprox-response.xml: {urn:ec.europa.eu:taxud:vies:services:checkVat:types}checkVatApproxResponse: Invalid datetime string 's20' for <class 'elementpath.datatypes.datetime.Date10'> at /checkVatApproxResponse/requestDate"),
    ("noaa-ndfd", "INVALID 001-NDFDgenByDay-request.xml: {http://graphical.weather.gov/xml/DWMLgen/wsdl/ndfdXML.wsdl}NDFDgenByDay: Invalid datetime string 's75' for <class 'elementpath.datatypes.datetime.Date10'> at /NDFDgenByDay/startDate"),
    ("noaa-ndfd", "INVALID 002-NDFDgenLatLonList-request.xml: {http://graphical.weather.gov/xml/DWMLgen/wsdl/ndfdXML.wsdl}NDFDgenLatLonList: value doesn't match any pattern of ['[\\\\-]?\\\\d{1,2}\\\\.\\\\d+,[\\\\-]?\\\\d{1,3}\\\\.\\\\d+( [\\\\-]?\\\\d{1,2}\\\\.\\\\d+,[\\\\-]?\\\\d{1,3}\\\\.\\\\d+)*'] at /NDFDgenLatLonList/listLatLon"),
    ("noaa-ndfd", "INVALID 003-NDFDgenByDayLatLonList-request.xml: {http://graphical.weather.gov/xml/DWMLgen/wsdl/ndfdXML.wsdl}NDFDgenByDayLatLonList: value doesn't match any pattern of ['[\\\\-]?\\\\d{1,2}\\\\.\\\\d+,[\\\\-]?\\\\d{1,3}\\\\.\\\\d+( [\\\\-]?\\\\d{1,2}\\\\.\\\\d+,[\\\\-]?\\\\d{1,3}\\\\.\\\\d+)*'] at /NDFDgenByDayLatLonList/listLatLon"),
    ("noaa-ndfd", "INVALID 004-GmlLatLonList-request.xml: {http://graphical.weather.gov/xml/DWMLgen/wsdl/ndfdXML.wsdl}GmlLatLonList: value doesn't match any pattern of ['[\\\\-]?\\\\d{1,2}\\\\.\\\\d+,[\\\\-]?\\\\d{1,3}\\\\.\\\\d+( [\\\\-]?\\\\d{1,2}\\\\.\\\\d+,[\\\\-]?\\\\d{1,3}\\\\.\\\\d+)*'] at /GmlLatLonList/listLatLon"),
    ("noaa-ndfd", "INVALID 005-GmlTimeSeries-request.xml: {http://graphical.weather.gov/xml/DWMLgen/wsdl/ndfdXML.wsdl}GmlTimeSeries: value doesn't match any pattern of ['[\\\\-]?\\\\d{1,2}\\\\.\\\\d+,[\\\\-]?\\\\d{1,3}\\\\.\\\\d+( [\\\\-]?\\\\d{1,2}\\\\.\\\\d+,[\\\\-]?\\\\d{1,3}\\\\.\\\\d+)*'] at /GmlTimeSeries/listLatLon"),
    ("noaa-ndfd", "INVALID 006-LatLonListSubgrid-response.xml: {http://graphical.weather.gov/xml/DWMLgen/wsdl/ndfdXML.wsdl}LatLonListSubgridResponse: value doesn't match any pattern of ['[\\\\-]?\\\\d{1,2}\\\\.\\\\d+,[\\\\-]?\\\\d{1,3}\\\\.\\\\d+( [\\\\-]?\\\\d{1,2}\\\\.\\\\d+,[\\\\-]?\\\\d{1,3}\\\\.\\\\d+)*'] at /LatLonListSubgridResponse/listLatLonOut"),
    ("noaa-ndfd", "INVALID 007-LatLonListLine-response.xml: {http://graphical.weather.gov/xml/DWMLgen/wsdl/ndfdXML.wsdl}LatLonListLineResponse: value doesn't match any pattern of ['[\\\\-]?\\\\d{1,2}\\\\.\\\\d+,[\\\\-]?\\\\d{1,3}\\\\.\\\\d+( [\\\\-]?\\\\d{1,2}\\\\.\\\\d+,[\\\\-]?\\\\d{1,3}\\\\.\\\\d+)*'] at /LatLonListLineResponse/listLatLonOut"),
    ("noaa-ndfd", "INVALID 008-LatLonListZipCode-request.xml: {http://graphical.weather.gov/xml/DWMLgen/wsdl/ndfdXML.wsdl}LatLonListZipCode: value doesn't match any pattern of ['\\\\d{5}(\\\\-\\\\d{4})?( \\\\d{5}(\\\\-\\\\d{4})?)*'] at /LatLonListZipCode/zipCodeList"),
    ("noaa-ndfd", "INVALID 008-LatLonListZipCode-response.xml: {http://graphical.weather.gov/xml/DWMLgen/wsdl/ndfdXML.wsdl}LatLonListZipCodeResponse: value doesn't match any pattern of ['[\\\\-]?\\\\d{1,2}\\\\.\\\\d+,[\\\\-]?\\\\d{1,3}\\\\.\\\\d+( [\\\\-]?\\\\d{1,2}\\\\.\\\\d+,[\\\\-]?\\\\d{1,3}\\\\.\\\\d+)*'] at /LatLonListZipCodeResponse/listLatLonOut"),
    ("noaa-ndfd", "INVALID 009-LatLonListSquare-response.xml: {http://graphical.weather.gov/xml/DWMLgen/wsdl/ndfdXML.wsdl}LatLonListSquareResponse: value doesn't match any pattern of ['[\\\\-]?\\\\d{1,2}\\\\.\\\\d+,[\\\\-]?\\\\d{1,3}\\\\.\\\\d+( [\\\\-]?\\\\d{1,2}\\\\.\\\\d+,[\\\\-]?\\\\d{1,3}\\\\.\\\\d+)*'] at /LatLonListSquareResponse/listLatLonOut"),
    ("noaa-ndfd", "INVALID 010-CornerPoints-response.xml: {http://graphical.weather.gov/xml/DWMLgen/wsdl/ndfdXML.wsdl}CornerPointsResponse: value doesn't match any pattern of ['[\\\\-]?\\\\d{1,2}\\\\.\\\\d+,[\\\\-]?\\\\d{1,3}\\\\.\\\\d+( [\\\\-]?\\\\d{1,2}\\\\.\\\\d+,[\\\\-]?\\\\d{1,3}\\\\.\\\\d+)*'] at /CornerPointsResponse/listLatLonOut"),
    ("noaa-ndfd", "INVALID 011-LatLonListCityNames-response.xml: {http://graphical.weather.gov/xml/DWMLgen/wsdl/ndfdXML.wsdl}LatLonListCityNamesResponse: value doesn't match any pattern of [\"[a-zA-Z'\\\\-]*( ?[a-zA-Z'\\\\-]*)*,[A-Z][A-Z](\\\\|[a-zA-Z'\\\\-]*( ?[a-zA-Z'\\\\-]*)*,[A-Z][A-Z])*\"] at /LatLonListCityNamesResponse/listCityNamesOut"),
    ("fedex-rate-v28", "INVALID 000-getRates-request.xml: {http://fedex.com/ws/rate/v28}RateRequest: must have the fixed value 'crs' at /RateRequest/Version/ServiceId"),
    ("fedex-rate-v28", "INVALID 000-getRates-response.xml: {http://fedex.com/ws/rate/v28}RateReply: must have the fixed value 'crs' at /RateReply/Version/ServiceId"),
    ("travelport-air", "INVALID 000-service-request.xml: {http://www.travelport.com/schema/air_v52_0}FlightDetailsReq: attribute LanguageCode='s3036': value doesn't match any pattern of ['[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*'] at /FlightDetailsReq"),
    ("travelport-air", "INVALID 000-service-response.xml: {http://www.travelport.com/schema/air_v52_0}FlightDetailsRsp: attribute Carrier='s5484': length has to be 2 at /FlightDetailsRsp/AirSegment"),
    ("travelport-air", "INVALID 001-service-request.xml: {http://www.travelport.com/schema/air_v52_0}LowFareSearchReq: attribute LanguageCode='s3372': value doesn't match any pattern of ['[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*'] at /LowFareSearchReq"),
    ("travelport-air", "INVALID 001-service-response.xml: {http://www.travelport.com/schema/air_v52_0}LowFareSearchRsp: attribute CurrencyType='s5510': length has to be 3 at /LowFareSearchRsp"),
    ("travelport-air", "INVALID 002-service-request.xml: {http://www.travelport.com/schema/air_v52_0}ScheduleSearchReq: attribute LanguageCode='s4636': value doesn't match any pattern of ['[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*'] at /ScheduleSearchReq"),
    ("travelport-air", "INVALID 002-service-response.xml: {http://www.travelport.com/schema/air_v52_0}ScheduleSearchRsp: attribute Origin='s5603': length has to be 3 at /ScheduleSearchRsp/FlightDetailsList/FlightDetails"),
    ("travelport-air", "INVALID 003-service-request.xml: {http://www.travelport.com/schema/air_v52_0}AvailabilitySearchReq: attribute LanguageCode='s1508': value doesn't match any pattern of ['[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*'] at /AvailabilitySearchReq"),
    ("travelport-air", "INVALID 003-service-response.xml: {http://www.travelport.com/schema/air_v52_0}AvailabilitySearchRsp: attribute Origin='s5603': length has to be 3 at /AvailabilitySearchRsp/FlightDetailsList/FlightDetails"),
    ("travelport-air", "INVALID 004-service-request.xml: {http://www.travelport.com/schema/air_v52_0}AirPriceReq: attribute LanguageCode='s708': value doesn't match any pattern of ['[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*'] at /AirPriceReq"),
    ("travelport-air", "INVALID 004-service-response.xml: {http://www.travelport.com/schema/air_v52_0}AirPriceRsp: attribute Carrier='s5484': length has to be 2 at /AirPriceRsp/AirItinerary/AirSegment"),
    ("travelport-air", "INVALID 005-service-request.xml: {http://www.travelport.com/schema/air_v52_0}AirRepriceReq: attribute LanguageCode='s1024': value doesn't match any pattern of ['[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*'] at /AirRepriceReq"),
    ("travelport-air", "INVALID 005-service-response.xml: {http://www.travelport.com/schema/air_v52_0}AirRepriceRsp: attribute QuoteDate='s893': Invalid datetime string 's893' for <class 'elementpath.datatypes.datetime.Date10'> at /AirRepriceRsp/AirPricingSolution"),
    ("travelport-air", "INVALID 006-service-request.xml: {http://www.travelport.com/schema/air_v52_0}AirTicketingReq: attribute LanguageCode='s1314': value doesn't match any pattern of ['[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*'] at /AirTicketingReq"),
    ("travelport-air", "INVALID 006-service-response.xml: {http://www.travelport.com/schema/air_v52_0}AirTicketingRsp: attribute QuoteDate='s893': Invalid datetime string 's893' for <class 'elementpath.datatypes.datetime.Date10'> at /AirTicketingRsp/AirSolutionChangedInfo/AirPricingSolution"),
    ("travelport-air", "INVALID 007-service-request.xml: {http://www.travelport.com/schema/air_v52_0}AirExchangeQuoteReq: attribute LanguageCode='s308': value doesn't match any pattern of ['[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*'] at /AirExchangeQuoteReq"),
    ("travelport-air", "INVALID 007-service-response.xml: {http://www.travelport.com/schema/air_v52_0}AirExchangeQuoteRsp: attribute QuoteDate='s893': Invalid datetime string 's893' for <class 'elementpath.datatypes.datetime.Date10'> at /AirExchangeQuoteRsp/AirPricingSolution"),
    ("travelport-air", "INVALID 008-service-request.xml: {http://www.travelport.com/schema/air_v52_0}AirExchangeMultiQuoteReq: attribute LanguageCode='s276': value doesn't match any pattern of ['[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*'] at /AirExchangeMultiQuoteReq"),
    ("travelport-air", "INVALID 008-service-response.xml: {http://www.travelport.com/schema/air_v52_0}AirExchangeMultiQuoteRsp: attribute Carrier='s5484': length has to be 2 at /AirExchangeMultiQuoteRsp/AirSegmentList/AirSegment"),
    ("travelport-air", "INVALID 009-service-request.xml: {http://www.travelport.com/schema/air_v52_0}AirExchangeReq: attribute LanguageCode='s347': value doesn't match any pattern of ['[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*'] at /AirExchangeReq"),
    ("travelport-air", "INVALID 009-service-response.xml: {http://www.travelport.com/schema/air_v52_0}AirExchangeRsp: attribute DOB='s1988': Invalid datetime string 's1988' for <class 'elementpath.datatypes.datetime.Date10'> at /AirExchangeRsp/{http://www.travelport.com/schema/common_v52_0}BookingTraveler"),
    ("travelport-air", "INVALID 010-service-request.xml: {http://www.travelport.com/schema/air_v52_0}AirExchangeTicketingReq: attribute LanguageCode='s391': value doesn't match any pattern of ['[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*'] at /AirExchangeTicketingReq"),
    ("travelport-air", "INVALID 010-service-response.xml: {http://www.travelport.com/schema/air_v52_0}AirExchangeTicketingRsp: attribute QuoteDate='s893': Invalid datetime string 's893' for <class 'elementpath.datatypes.datetime.Date10'> at /AirExchangeTicketingRsp/AirSolutionChangedInfo/AirPricingSolution"),
    ("travelport-air", "INVALID 011-service-request.xml: {http://www.travelport.com/schema/air_v52_0}AirRefundQuoteReq: attribute LanguageCode='s959': value doesn't match any pattern of ['[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*'] at /AirRefundQuoteReq"),
    ("travelport-air", "INVALID 011-service-response.xml: {http://www.travelport.com/schema/air_v52_0}AirRefundQuoteRsp: attribute FiledCurrency='s5510': length has to be 3 at /AirRefundQuoteRsp/AirRefundBundle/AirRefundInfo"),
    ("travelport-air", "INVALID 012-service-request.xml: {http://www.travelport.com/schema/air_v52_0}AirRefundReq: attribute LanguageCode='s992': value doesn't match any pattern of ['[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*'] at /AirRefundReq"),
    ("travelport-air", "INVALID 012-service-response.xml: {http://www.travelport.com/schema/air_v52_0}AirRefundRsp: attribute CountryCode='s5487': length has to be 2 at /AirRefundRsp/ETR"),
    ("travelport-air", "INVALID 013-service-request.xml: {http://www.travelport.com/schema/air_v52_0}AirFareDisplayReq: attribute LanguageCode='s460': value doesn't match any pattern of ['[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*'] at /AirFareDisplayReq"),
    ("travelport-air", "INVALID 013-service-response.xml: {http://www.travelport.com/schema/air_v52_0}AirFareDisplayRsp: attribute Carrier='s5484': length has to be 2 at /AirFareDisplayRsp/FareDisplay"),
    ("travelport-air", "INVALID 014-service-request.xml: {http://www.travelport.com/schema/air_v52_0}AirFareRulesReq: attribute LanguageCode='s508': value doesn't match any pattern of ['[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*'] at /AirFareRulesReq"),
    ("travelport-air", "INVALID 014-service-response.xml: {http://www.travelport.com/schema/air_v52_0}AirFareRulesRsp: attribute StayDate='s5742': Invalid datetime string 's5742' for <class 'elementpath.datatypes.datetime.Date10'> at /AirFareRulesRsp/FareRule/RuleLengthOfStay/MinimumStay"),
    ("travelport-air", "INVALID 015-service-request.xml: {http://www.travelport.com/schema/air_v52_0}SeatMapReq: attribute LanguageCode='s4772': value doesn't match any pattern of ['[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*'] at /SeatMapReq"),
    ("travelport-air", "INVALID 015-service-response.xml: {http://www.travelport.com/schema/air_v52_0}SeatMapRsp: attribute Carrier='s5484': length has to be 2 at /SeatMapRsp/AirSegment"),
    ("travelport-air", "INVALID 016-service-request.xml: {http://www.travelport.com/schema/air_v52_0}AirVoidDocumentReq: attribute LanguageCode='s1381': value doesn't match any pattern of ['[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*'] at /AirVoidDocumentReq"),
    ("travelport-air", "INVALID 016-service-response.xml: {http://www.travelport.com/schema/air_v52_0}AirVoidDocumentRsp: attribute CountryCode='s5487': length has to be 2 at /AirVoidDocumentRsp/ETR"),
    ("travelport-air", "INVALID 017-service-request.xml: {http://www.travelport.com/schema/air_v52_0}EMDRetrieveReq: attribute LanguageCode='s2549': value doesn't match any pattern of ['[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*'] at /EMDRetrieveReq"),
    ("travelport-air", "INVALID 017-service-response.xml: {http://www.travelport.com/schema/air_v52_0}EMDRetrieveRsp: attribute SupplierCode='s5484': length has to be 2 at /EMDRetrieveRsp/EMDInfo/{http://www.travelport.com/schema/common_v52_0}SupplierLocator"),
    ("travelport-air", "INVALID 018-service-request.xml: {http://www.travelport.com/schema/air_v52_0}AirRetrieveDocumentReq: attribute LanguageCode='s1078': value doesn't match any pattern of ['[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*'] at /AirRetrieveDocumentReq"),
    ("travelport-air", "INVALID 018-service-response.xml: {http://www.travelport.com/schema/air_v52_0}AirRetrieveDocumentRsp: attribute CountryCode='s5487': length has to be 2 at /AirRetrieveDocumentRsp/ETR"),
    ("travelport-air", "INVALID 019-service-request.xml: {http://www.travelport.com/schema/air_v52_0}AirMerchandisingOfferAvailabilityReq: attribute LanguageCode='s624': value doesn't match any pattern of ['[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*'] at /AirMerchandisingOfferAvailabilityReq"),
    ("travelport-air", "INVALID 019-service-response.xml: {http://www.travelport.com/schema/air_v52_0}AirMerchandisingOfferAvailabilityRsp: attribute DOB='s4731': Invalid datetime string 's4731' for <class 'elementpath.datatypes.datetime.Date10'> at /AirMerchandisingOfferAvailabilityRsp/AirSolution/SearchTraveler"),
    ("travelport-air", "INVALID 020-service-request.xml: {http://www.travelport.com/schema/air_v52_0}AirUpsellSearchReq: attribute LanguageCode='s1355': value doesn't match any pattern of ['[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*'] at /AirUpsellSearchReq"),
    ("travelport-air", "INVALID 020-service-response.xml: {http://www.travelport.com/schema/air_v52_0}AirUpsellSearchRsp: attribute Carrier='s5484': length has to be 2 at /AirUpsellSearchRsp/AirItinerary/AirSegment"),
    ("travelport-air", "INVALID 021-service-request.xml: {http://www.travelport.com/schema/air_v52_0}FlightInformationReq: attribute LanguageCode='s3095': value doesn't match any pattern of ['[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*'] at /FlightInformationReq"),
    ("travelport-air", "INVALID 021-service-response.xml: {http://www.travelport.com/schema/air_v52_0}FlightInformationRsp: attribute Carrier='s5484': length has to be 2 at /FlightInformationRsp/FlightInfo"),
    ("travelport-air", "INVALID 022-service-request.xml: {http://www.travelport.com/schema/air_v52_0}FlightTimeTableReq: attribute LanguageCode='s3163': value doesn't match any pattern of ['[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*'] at /FlightTimeTableReq"),
    ("travelport-air", "INVALID 022-service-response.xml: {http://www.travelport.com/schema/air_v52_0}FlightTimeTableRsp: attribute Origin='s5340': length has to be 3 at /FlightTimeTableRsp/FlightTimeTableList/FlightTimeDetail"),
    ("travelport-air", "INVALID 023-service-request.xml: {http://www.travelport.com/schema/air_v52_0}AirPrePayReq: attribute LanguageCode='s658': value doesn't match any pattern of ['[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*'] at /AirPrePayReq"),
    ("travelport-air", "INVALID 023-service-response.xml: {http://www.travelport.com/schema/air_v52_0}AirPrePayRsp: attribute SupplierCode='s5484': length has to be 2 at /AirPrePayRsp/PrePayProfileInfo/PrePayId/CompanyName"),
    ("travelport-air", "INVALID 024-service-request.xml: {http://www.travelport.com/schema/air_v52_0}EMDIssuanceReq: attribute LanguageCode='s2513': value doesn't match any pattern of ['[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*'] at /EMDIssuanceReq"),
    ("travelport-air", "INVALID 024-service-response.xml: {http://www.travelport.com/schema/air_v52_0}EMDIssuanceRsp: attribute Number='s5536': length has to be 13 at /EMDIssuanceRsp/EMDSummaryInfo/EMDSummary"),
    ("travelport-air", "INVALID 025-service-request.xml: {http://www.travelport.com/schema/air_v52_0}AirMerchandisingDetailsReq: attribute LanguageCode='s595': value doesn't match any pattern of ['[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*'] at /AirMerchandisingDetailsReq"),
    ("travelport-air", "INVALID 025-service-response.xml: {http://www.travelport.com/schema/air_v52_0}AirMerchandisingDetailsRsp: attribute OriginAirport='s5340': length has to be 3 at /AirMerchandisingDetailsRsp/OptionalServices/OptionalServicesTotal/TaxInfo"),
    ("travelport-air", "INVALID 026-service-request.xml: {http://www.travelport.com/schema/air_v52_0}AirExchangeEligibilityReq: attribute LanguageCode='s187': value doesn't match any pattern of ['[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*'] at /AirExchangeEligibilityReq"),
    ("travelport-air", "INVALID 026-service-response.xml: {http://www.travelport.com/schema/air_v52_0}AirExchangeEligibilityRsp: attribute Carrier='s5484': length has to be 2 at /AirExchangeEligibilityRsp/ExchangeEligibilityInfo/ExchangePenaltyInfo/PenaltyInformation"),
    ("whl-travel", "INVALID 000-nationList-request.xml: {http://api.whl.travel/soap}NationListRQ: attribute PrimaryLangID='s862': value doesn't match any pattern of ['[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*'] at /NationListRQ"),
    ("whl-travel", "INVALID 000-nationList-response.xml: {http://api.whl.travel/soap}NationListRS: attribute PrimaryLangID='s872': value doesn't match any pattern of ['[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*'] at /NationListRS"),
    ("whl-travel", "INVALID 001-countryList-request.xml: {http://api.whl.travel/soap}CountryListRQ: attribute PrimaryLangID='s225': value doesn't match any pattern of ['[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*'] at /CountryListRQ"),
    ("whl-travel", "INVALID 001-countryList-response.xml: {http://api.whl.travel/soap}CountryListRS: attribute PrimaryLangID='s235': value doesn't match any pattern of ['[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*'] at /CountryListRS"),
    ("whl-travel", "INVALID 002-updateAllotment-request.xml: {http://api.whl.travel/soap}UpdateAllotmentRQ: attribute PrimaryLangID='s1208': value doesn't match any pattern of ['[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*'] at /UpdateAllotmentRQ"),
    ("whl-travel", "INVALID 002-updateAllotment-response.xml: {http://api.whl.travel/soap}UpdateAllotmentRS: attribute PrimaryLangID='s1219': value doesn't match any pattern of ['[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*'] at /UpdateAllotmentRS"),
    ("whl-travel", "INVALID 003-getBookings-request.xml: {http://api.whl.travel/soap}GetBookingsRQ: attribute PrimaryLangID='s478': value doesn't match any pattern of ['[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*'] at /GetBookingsRQ"),
    ("whl-travel", "INVALID 003-getBookings-response.xml: {http://api.whl.travel/soap}GetBookingsRS: attribute PrimaryLangID='s488': value doesn't match any pattern of ['[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*'] at /GetBookingsRS"),
    ("whl-travel", "INVALID 004-destinationList-request.xml: {http://api.whl.travel/soap}DestinationListRQ: attribute PrimaryLangID='s319': value doesn't match any pattern of ['[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*'] at /DestinationListRQ"),
    ("whl-travel", "INVALID 004-destinationList-response.xml: {http://api.whl.travel/soap}DestinationListRS: attribute PrimaryLangID='s331': value doesn't match any pattern of ['[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*'] at /DestinationListRS"),
    ("whl-travel", "INVALID 005-hotelList-request.xml: {http://api.whl.travel/soap}HotelListRQ: attribute PrimaryLangID='s691': value doesn't match any pattern of ['[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*'] at /HotelListRQ"),
    ("whl-travel", "INVALID 005-hotelList-response.xml: {http://api.whl.travel/soap}HotelListRS: attribute PrimaryLangID='s701': value doesn't match any pattern of ['[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*'] at /HotelListRS"),
    ("whl-travel", "INVALID 006-hotelDescriptiveInfo-request.xml: {http://api.whl.travel/soap}HotelDescriptiveInfoRQ: attribute PrimaryLangID='s590': value doesn't match any pattern of ['[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*'] at /HotelDescriptiveInfoRQ"),
    ("whl-travel", "INVALID 006-hotelDescriptiveInfo-response.xml: {http://api.whl.travel/soap}HotelDescriptiveInfoRS: attribute PrimaryLangID='s603': value doesn't match any pattern of ['[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*'] at /HotelDescriptiveInfoRS"),
    ("whl-travel", "INVALID 007-hotelAvail-request.xml: {http://api.whl.travel/soap}HotelAvailRQ: attribute PrimaryLangID='s539': value doesn't match any pattern of ['[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*'] at /HotelAvailRQ"),
    ("whl-travel", "INVALID 007-hotelAvail-response.xml: {http://api.whl.travel/soap}HotelAvailRS: attribute PrimaryLangID='s550': value doesn't match any pattern of ['[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*'] at /HotelAvailRS"),
    ("whl-travel", "INVALID 008-hotelAvailNotif-request.xml: {http://api.whl.travel/soap}HotelAvailNotifRQ: attribute PrimaryLangID='s523': value doesn't match any pattern of ['[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*'] at /HotelAvailNotifRQ"),
    ("whl-travel", "INVALID 008-hotelAvailNotif-response.xml: {http://api.whl.travel/soap}HotelAvailNotifRS: attribute PrimaryLangID='s841': value doesn't match any pattern of ['[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*'] at /HotelAvailNotifRS"),
    ("whl-travel", "INVALID 009-hotelRes-request.xml: {http://api.whl.travel/soap}HotelResRQ: attribute PrimaryLangID='s746': value doesn't match any pattern of ['[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*'] at /HotelResRQ"),
    ("whl-travel", "INVALID 009-hotelRes-response.xml: {http://api.whl.travel/soap}HotelResRS: attribute PrimaryLangID='s730': value doesn't match any pattern of ['[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*'] at /HotelResRS"),
    ("docdata-payments", "INVALID 000-create-request.xml: {http://localhost/services/paymentservice/1_3/}createRequest: value doesn't match any pattern of ['[_a-zA-Z0-9\\\\-\\\\+\\\\.]+@[a-zA-Z0-9\\\\-]+(\\\\.[a-zA-Z0-9\\\\-]+)*(\\\\.[a-zA-Z]+)'] at /createRequest/shopper/email"),
    ("docdata-payments", "INVALID 000-create-response.xml: {http://localhost/services/paymentservice/1_3/}createResponse: element 'extra' not found at /createResponse/createErrors/extra"),
    ("docdata-payments", "INVALID 001-start-request.xml: {http://localhost/services/paymentservice/1_3/}startRequest: value doesn't match any pattern of ['[A-Z,0-9]{32}'] at /startRequest/paymentOrderKey"),
    ("docdata-payments", "INVALID 001-start-response.xml: {http://localhost/services/paymentservice/1_3/}startResponse: element 'extra' not found at /startResponse/startErrors/extra"),
    ("docdata-payments", "INVALID 002-proceed-request.xml: {http://localhost/services/paymentservice/1_3/}proceedRequest: element 'extra' not found at /proceedRequest/threeDomainSecureAuthenticationResult/extra"),
    ("docdata-payments", "INVALID 002-proceed-response.xml: {http://localhost/services/paymentservice/1_3/}proceedResponse: element 'extra' not found at /proceedResponse/proceedErrors/extra"),
    ("docdata-payments", "INVALID 003-cancel-request.xml: {http://localhost/services/paymentservice/1_3/}cancelRequest: value doesn't match any pattern of ['[A-Z,0-9]{32}'] at /cancelRequest/paymentOrderKey"),
    ("docdata-payments", "INVALID 003-cancel-response.xml: {http://localhost/services/paymentservice/1_3/}cancelResponse: element 'extra' not found at /cancelResponse/cancelErrors/extra"),
    ("docdata-payments", "INVALID 004-capture-request.xml: {http://localhost/services/paymentservice/1_3/}captureRequest: attribute currency='s89': value doesn't match any pattern of ['[A-Z][A-Z][A-Z]'] at /captureRequest/amount"),
    ("docdata-payments", "INVALID 004-capture-response.xml: {http://localhost/services/paymentservice/1_3/}captureResponse: element 'extra' not found at /captureResponse/captureErrors/extra"),
    ("docdata-payments", "INVALID 005-refund-request.xml: {http://localhost/services/paymentservice/1_3/}refundRequest: attribute currency='s89': value doesn't match any pattern of ['[A-Z][A-Z][A-Z]'] at /refundRequest/amount"),
    ("docdata-payments", "INVALID 005-refund-response.xml: {http://localhost/services/paymentservice/1_3/}refundResponse: element 'extra' not found at /refundResponse/refundErrors/extra"),
    ("docdata-payments", "INVALID 006-status-request.xml: {http://localhost/services/paymentservice/1_3/}statusRequest: value doesn't match any pattern of ['[A-Z,0-9]{32}'] at /statusRequest/paymentOrderKey"),
    ("docdata-payments", "INVALID 006-status-response.xml: {http://localhost/services/paymentservice/1_3/}statusResponse: element 'extra' not found at /statusResponse/statusErrors/extra"),
    ("docdata-payments", "INVALID 007-statusExtended-request.xml: {http://localhost/services/paymentservice/1_3/}extendedStatusRequest: value doesn't match any pattern of ['[A-Z,0-9]{32}'] at /extendedStatusRequest/paymentOrderKey"),
    ("docdata-payments", "INVALID 007-statusExtended-response.xml: {http://localhost/services/paymentservice/1_3/}extendedStatusResponse: element 'extra' not found at /extendedStatusResponse/statusErrors/extra"),
    ("docdata-payments", "INVALID 008-listPaymentMethods-request.xml: {http://localhost/services/paymentservice/1_3/}listPaymentMethodsRequest: element 'extra' not found at /listPaymentMethodsRequest/extra"),
    ("docdata-payments", "INVALID 008-listPaymentMethods-response.xml: {http://localhost/services/paymentservice/1_3/}listPaymentMethodsResponse: element 'extra' not found at /listPaymentMethodsResponse/listPaymentMethodsErrors/extra"),
    ("mssql-native", "INVALID 000-DayAsNumber-request.xml: {http://tempUri.org/}DayAsNumber: value doesn't match any pattern of ['((000[1-9])|(00[1-9][0-9])|(0[1-9][0-9]{2})|([1-9][0-9]{3}))-((0[1-9])|(1[0,1,2]))-((0[1-9])|([1,2][0-9])|(3[0,1]))T(([0,1… at /DayAsNumber/day"),
    ("sharepoint-lists", "INVALID 000-GetList-response.xml: {http://schemas.microsoft.com/sharepoint/soap/}GetListResponse: unavailable namespace 'urn:wsdl-corpus-tests:other' at /GetListResponse/GetListResult/{urn:wsdl-corpus-tests:other}extra"),
    ("sharepoint-lists", "INVALID 001-GetListAndView-response.xml: {http://schemas.microsoft.com/sharepoint/soap/}GetListAndViewResponse: unavailable namespace 'urn:wsdl-corpus-tests:other' at /GetListAndViewResponse/GetListAndViewResult/{urn:wsdl-corpus-tests:other}extra"),
    ("sharepoint-lists", "INVALID 003-AddList-response.xml: {http://schemas.microsoft.com/sharepoint/soap/}AddListResponse: unavailable namespace 'urn:wsdl-corpus-tests:other' at /AddListResponse/AddListResult/{urn:wsdl-corpus-tests:other}extra"),
    ("sharepoint-lists", "INVALID 004-AddListFromFeature-request.xml: {http://schemas.microsoft.com/sharepoint/soap/}AddListFromFeature: value doesn't match any pattern of ['[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}'] at /AddListFromFeature/featureID"),
    ("sharepoint-lists", "INVALID 004-AddListFromFeature-response.xml: {http://schemas.microsoft.com/sharepoint/soap/}AddListFromFeatureResponse: unavailable namespace 'urn:wsdl-corpus-tests:other' at /AddListFromFeatureResponse/AddListFromFeatureResult/{urn:wsdl-corpus-tests:other}extra"),
    ("sharepoint-lists", "INVALID 005-UpdateList-request.xml: {http://schemas.microsoft.com/sharepoint/soap/}UpdateList: unavailable namespace 'urn:wsdl-corpus-tests:other' at /UpdateList/listProperties/{urn:wsdl-corpus-tests:other}extra"),
    ("sharepoint-lists", "INVALID 005-UpdateList-response.xml: {http://schemas.microsoft.com/sharepoint/soap/}UpdateListResponse: unavailable namespace 'urn:wsdl-corpus-tests:other' at /UpdateListResponse/UpdateListResult/{urn:wsdl-corpus-tests:other}extra"),
    ("sharepoint-lists", "INVALID 006-GetListCollection-response.xml: {http://schemas.microsoft.com/sharepoint/soap/}GetListCollectionResponse: unavailable namespace 'urn:wsdl-corpus-tests:other' at /GetListCollectionResponse/GetListCollectionResult/{urn:wsdl-corpus-tests:other}extra"),
    ("sharepoint-lists", "INVALID 007-GetListItems-request.xml: {http://schemas.microsoft.com/sharepoint/soap/}GetListItems: unavailable namespace 'urn:wsdl-corpus-tests:other' at /GetListItems/query/{urn:wsdl-corpus-tests:other}extra"),
    ("sharepoint-lists", "INVALID 007-GetListItems-response.xml: {http://schemas.microsoft.com/sharepoint/soap/}GetListItemsResponse: unavailable namespace 'urn:wsdl-corpus-tests:other' at /GetListItemsResponse/GetListItemsResult/{urn:wsdl-corpus-tests:other}extra"),
    ("sharepoint-lists", "INVALID 008-GetListItemChanges-request.xml: {http://schemas.microsoft.com/sharepoint/soap/}GetListItemChanges: unavailable namespace 'urn:wsdl-corpus-tests:other' at /GetListItemChanges/viewFields/{urn:wsdl-corpus-tests:other}extra"),
    ("sharepoint-lists", "INVALID 008-GetListItemChanges-response.xml: {http://schemas.microsoft.com/sharepoint/soap/}GetListItemChangesResponse: unavailable namespace 'urn:wsdl-corpus-tests:other' at /GetListItemChangesResponse/GetListItemChangesResult/{urn:wsdl-corpus-tests:other}extra"),
    ("sharepoint-lists", "INVALID 009-GetListItemChangesSinceToken-request.xml: {http://schemas.microsoft.com/sharepoint/soap/}GetListItemChangesSinceToken: unavailable namespace 'urn:wsdl-corpus-tests:other' at /GetListItemChangesSinceToken/query/{urn:wsdl-corpus-tests:other}extra"),
    ("sharepoint-lists", "INVALID 009-GetListItemChangesSinceToken-response.xml: {http://schemas.microsoft.com/sharepoint/soap/}GetListItemChangesSinceTokenResponse: unavailable namespace 'urn:wsdl-corpus-tests:other' at /GetListItemChangesSinceTokenResponse/GetListItemChangesSinceTokenResult/{urn:wsdl-corpus-tests:other}extra"),
    ("sharepoint-lists", "INVALID 010-UpdateListItems-request.xml: {http://schemas.microsoft.com/sharepoint/soap/}UpdateListItems: unavailable namespace 'urn:wsdl-corpus-tests:other' at /UpdateListItems/updates/{urn:wsdl-corpus-tests:other}extra"),
    ("sharepoint-lists", "INVALID 010-UpdateListItems-response.xml: {http://schemas.microsoft.com/sharepoint/soap/}UpdateListItemsResponse: unavailable namespace 'urn:wsdl-corpus-tests:other' at /UpdateListItemsResponse/UpdateListItemsResult/{urn:wsdl-corpus-tests:other}extra"),
    ("sharepoint-lists", "INVALID 011-AddDiscussionBoardItem-response.xml: {http://schemas.microsoft.com/sharepoint/soap/}AddDiscussionBoardItemResponse: unavailable namespace 'urn:wsdl-corpus-tests:other' at /AddDiscussionBoardItemResponse/AddDiscussionBoardItemResult/{urn:wsdl-corpus-tests:other}extra"),
    ("sharepoint-lists", "INVALID 012-GetVersionCollection-response.xml: {http://schemas.microsoft.com/sharepoint/soap/}GetVersionCollectionResponse: unavailable namespace 'urn:wsdl-corpus-tests:other' at /GetVersionCollectionResponse/GetVersionCollectionResult/{urn:wsdl-corpus-tests:other}extra"),
    ("sharepoint-lists", "INVALID 014-GetAttachmentCollection-response.xml: {http://schemas.microsoft.com/sharepoint/soap/}GetAttachmentCollectionResponse: unavailable namespace 'urn:wsdl-corpus-tests:other' at /GetAttachmentCollectionResponse/GetAttachmentCollectionResult/{urn:wsdl-corpus-tests:other}extra"),
    ("sharepoint-lists", "INVALID 019-GetListContentTypes-response.xml: {http://schemas.microsoft.com/sharepoint/soap/}GetListContentTypesResponse: unavailable namespace 'urn:wsdl-corpus-tests:other' at /GetListContentTypesResponse/GetListContentTypesResult/{urn:wsdl-corpus-tests:other}extra"),
    ("sharepoint-lists", "INVALID 020-GetListContentType-response.xml: {http://schemas.microsoft.com/sharepoint/soap/}GetListContentTypeResponse: unavailable namespace 'urn:wsdl-corpus-tests:other' at /GetListContentTypeResponse/GetListContentTypeResult/{urn:wsdl-corpus-tests:other}extra"),
    ("sharepoint-lists", "INVALID 021-CreateContentType-request.xml: {http://schemas.microsoft.com/sharepoint/soap/}CreateContentType: unavailable namespace 'urn:wsdl-corpus-tests:other' at /CreateContentType/fields/{urn:wsdl-corpus-tests:other}extra"),
    ("sharepoint-lists", "INVALID 022-UpdateContentType-request.xml: {http://schemas.microsoft.com/sharepoint/soap/}UpdateContentType: unavailable namespace 'urn:wsdl-corpus-tests:other' at /UpdateContentType/contentTypeProperties/{urn:wsdl-corpus-tests:other}extra"),
    ("sharepoint-lists", "INVALID 022-UpdateContentType-response.xml: {http://schemas.microsoft.com/sharepoint/soap/}UpdateContentTypeResponse: unavailable namespace 'urn:wsdl-corpus-tests:other' at /UpdateContentTypeResponse/UpdateContentTypeResult/{urn:wsdl-corpus-tests:other}extra"),
    ("sharepoint-lists", "INVALID 023-DeleteContentType-response.xml: {http://schemas.microsoft.com/sharepoint/soap/}DeleteContentTypeResponse: unavailable namespace 'urn:wsdl-corpus-tests:other' at /DeleteContentTypeResponse/DeleteContentTypeResult/{urn:wsdl-corpus-tests:other}extra"),
    ("sharepoint-lists", "INVALID 024-UpdateContentTypeXmlDocument-request.xml: {http://schemas.microsoft.com/sharepoint/soap/}UpdateContentTypeXmlDocument: unavailable namespace 'urn:wsdl-corpus-tests:other' at /UpdateContentTypeXmlDocument/newDocument/{urn:wsdl-corpus-tests:other}extra"),
    ("sharepoint-lists", "INVALID 024-UpdateContentTypeXmlDocument-response.xml: {http://schemas.microsoft.com/sharepoint/soap/}UpdateContentTypeXmlDocumentResponse: unavailable namespace 'urn:wsdl-corpus-tests:other' at /UpdateContentTypeXmlDocumentResponse/UpdateContentTypeXmlDocumentResult/{urn:wsdl-corpus-tests:other}extra"),
    ("sharepoint-lists", "INVALID 025-UpdateContentTypesXmlDocument-request.xml: {http://schemas.microsoft.com/sharepoint/soap/}UpdateContentTypesXmlDocument: unavailable namespace 'urn:wsdl-corpus-tests:other' at /UpdateContentTypesXmlDocument/newDocument/{urn:wsdl-corpus-tests:other}extra"),
    ("sharepoint-lists", "INVALID 025-UpdateContentTypesXmlDocument-response.xml: {http://schemas.microsoft.com/sharepoint/soap/}UpdateContentTypesXmlDocumentResponse: unavailable namespace 'urn:wsdl-corpus-tests:other' at /UpdateContentTypesXmlDocumentResponse/UpdateContentTypesXmlDocumentResult/{urn:wsdl-corpus-tests:other}extra"),
    ("sharepoint-lists", "INVALID 026-DeleteContentTypeXmlDocument-response.xml: {http://schemas.microsoft.com/sharepoint/soap/}DeleteContentTypeXmlDocumentResponse: unavailable namespace 'urn:wsdl-corpus-tests:other' at /DeleteContentTypeXmlDocumentResponse/DeleteContentTypeXmlDocumentResult/{urn:wsdl-corpus-tests:other}extra"),
    ("sharepoint-lists", "INVALID 027-ApplyContentTypeToList-response.xml: {http://schemas.microsoft.com/sharepoint/soap/}ApplyContentTypeToListResponse: unavailable namespace 'urn:wsdl-corpus-tests:other' at /ApplyContentTypeToListResponse/ApplyContentTypeToListResult/{urn:wsdl-corpus-tests:other}extra"),
    ("node-soap-registration", "INVALID 000-registerUser-request.xml: {http://test-soap.com/api/registration/messages}registerUserRequest: value doesn't match any pattern of ['ID[A-Z0-9]{32}'] at /registerUserRequest/id"),
    ("node-soap-registration", "INVALID 000-registerUser-response.xml: {http://test-soap.com/api/registration/messages}registerUserResponse: value doesn't match any pattern of ['EBID[A-Z0-9]{32}'] at /registerUserResponse/userId"),
    ("onvif-ptz", "INVALID 018-GeoMove-request.xml: {http://www.onvif.org/ver20/ptz/wsdl}GeoMove: attribute p1:extra859=None: unavailable namespace 'urn:wsdl-corpus-tests:other' at /GeoMove/Target"),
    ("onvif-ptz", "INVALID 028-MoveAndStartTracking-request.xml: {http://www.onvif.org/ver20/ptz/wsdl}MoveAndStartTracking: attribute p1:extra859=None: unavailable namespace 'urn:wsdl-corpus-tests:other' at /MoveAndStartTracking/GeoLocation"),
];

/// `(id, "SKIPPED file: {ns}child: reason")` of every child of a `Body` not validated: no global
/// element declares its name (`not a global element`).
const EXPECTED_NOT_VALIDATED: &[(&str, &str)] = &[
    ("fixture-doc_bare", "SKIPPED 001-Compare-response.xml: equal: not a global element"),
    ("node-soap-rpcexample", "SKIPPED 004-listFiles-response.xml: {urn:RpcExample}listFilesResponse: validator failed: XMLSchemaKeyError: \"global component '{http://schemas.xmlsoap.org/soap/encoding/}Array' not found\""),
    ("node-soap-rpcexample", "SKIPPED 008-listKeys-response.xml: {urn:RpcExample}listKeysResponse: validator failed: XMLSchemaKeyError: \"global component '{http://schemas.xmlsoap.org/soap/encoding/}Array' not found\""),
];

/// `(id, "LAX file: {ns}wrapper: xsi:type soapenc:Array ignored")` of every rpc/encoded body valid
/// only once the `xsi:type="soapenc:Array"` of its arrays is dropped (declared with a restriction
/// of `soapenc:Array`, which XML Schema does not let the base stand for).
const EXPECTED_LAX: &[(&str, &str)] = &[
    ("fixture-rpc_encoded", "LAX 000-FindBooks-response.xml: {http://example.com/fixtures/rpc-encoded}FindBooksResponse: xsi:type soapenc:Array ignored"),
    ("fixture-rpc_encoded", "LAX 001-GetShelf-response.xml: {http://example.com/fixtures/rpc-encoded}GetShelfResponse: xsi:type soapenc:Array ignored"),
    ("mantisconnect", "LAX 002-mc_enum_status-response.xml: {http://futureware.biz/mantisconnect}mc_enum_statusResponse: xsi:type soapenc:Array ignored"),
    ("mantisconnect", "LAX 003-mc_enum_priorities-response.xml: {http://futureware.biz/mantisconnect}mc_enum_prioritiesResponse: xsi:type soapenc:Array ignored"),
    ("mantisconnect", "LAX 004-mc_enum_severities-response.xml: {http://futureware.biz/mantisconnect}mc_enum_severitiesResponse: xsi:type soapenc:Array ignored"),
    ("mantisconnect", "LAX 005-mc_enum_reproducibilities-response.xml: {http://futureware.biz/mantisconnect}mc_enum_reproducibilitiesResponse: xsi:type soapenc:Array ignored"),
    ("mantisconnect", "LAX 006-mc_enum_projections-response.xml: {http://futureware.biz/mantisconnect}mc_enum_projectionsResponse: xsi:type soapenc:Array ignored"),
    ("mantisconnect", "LAX 007-mc_enum_etas-response.xml: {http://futureware.biz/mantisconnect}mc_enum_etasResponse: xsi:type soapenc:Array ignored"),
    ("mantisconnect", "LAX 008-mc_enum_resolutions-response.xml: {http://futureware.biz/mantisconnect}mc_enum_resolutionsResponse: xsi:type soapenc:Array ignored"),
    ("mantisconnect", "LAX 009-mc_enum_access_levels-response.xml: {http://futureware.biz/mantisconnect}mc_enum_access_levelsResponse: xsi:type soapenc:Array ignored"),
    ("mantisconnect", "LAX 010-mc_enum_project_status-response.xml: {http://futureware.biz/mantisconnect}mc_enum_project_statusResponse: xsi:type soapenc:Array ignored"),
    ("mantisconnect", "LAX 011-mc_enum_project_view_states-response.xml: {http://futureware.biz/mantisconnect}mc_enum_project_view_statesResponse: xsi:type soapenc:Array ignored"),
    ("mantisconnect", "LAX 012-mc_enum_view_states-response.xml: {http://futureware.biz/mantisconnect}mc_enum_view_statesResponse: xsi:type soapenc:Array ignored"),
    ("mantisconnect", "LAX 013-mc_enum_custom_field_types-response.xml: {http://futureware.biz/mantisconnect}mc_enum_custom_field_typesResponse: xsi:type soapenc:Array ignored"),
    ("mantisconnect", "LAX 016-mc_issue_get-response.xml: {http://futureware.biz/mantisconnect}mc_issue_getResponse: xsi:type soapenc:Array ignored"),
    ("mantisconnect", "LAX 017-mc_issues_get-request.xml: {http://futureware.biz/mantisconnect}mc_issues_get: xsi:type soapenc:Array ignored"),
    ("mantisconnect", "LAX 017-mc_issues_get-response.xml: {http://futureware.biz/mantisconnect}mc_issues_getResponse: xsi:type soapenc:Array ignored"),
    ("mantisconnect", "LAX 018-mc_issues_get_header-request.xml: {http://futureware.biz/mantisconnect}mc_issues_get_header: xsi:type soapenc:Array ignored"),
    ("mantisconnect", "LAX 018-mc_issues_get_header-response.xml: {http://futureware.biz/mantisconnect}mc_issues_get_headerResponse: xsi:type soapenc:Array ignored"),
    ("mantisconnect", "LAX 019-mc_issue_get_history-response.xml: {http://futureware.biz/mantisconnect}mc_issue_get_historyResponse: xsi:type soapenc:Array ignored"),
    ("mantisconnect", "LAX 022-mc_issue_add-request.xml: {http://futureware.biz/mantisconnect}mc_issue_add: xsi:type soapenc:Array ignored"),
    ("mantisconnect", "LAX 023-mc_issue_update-request.xml: {http://futureware.biz/mantisconnect}mc_issue_update: xsi:type soapenc:Array ignored"),
    ("mantisconnect", "LAX 024-mc_issue_set_tags-request.xml: {http://futureware.biz/mantisconnect}mc_issue_set_tags: xsi:type soapenc:Array ignored"),
    ("mantisconnect", "LAX 038-mc_project_get_issues_for_user-response.xml: {http://futureware.biz/mantisconnect}mc_project_get_issues_for_userResponse: xsi:type soapenc:Array ignored"),
    ("mantisconnect", "LAX 039-mc_project_get_issues-response.xml: {http://futureware.biz/mantisconnect}mc_project_get_issuesResponse: xsi:type soapenc:Array ignored"),
    ("mantisconnect", "LAX 040-mc_project_get_issue_headers-response.xml: {http://futureware.biz/mantisconnect}mc_project_get_issue_headersResponse: xsi:type soapenc:Array ignored"),
    ("mantisconnect", "LAX 041-mc_project_get_users-response.xml: {http://futureware.biz/mantisconnect}mc_project_get_usersResponse: xsi:type soapenc:Array ignored"),
    ("mantisconnect", "LAX 042-mc_projects_get_user_accessible-response.xml: {http://futureware.biz/mantisconnect}mc_projects_get_user_accessibleResponse: xsi:type soapenc:Array ignored"),
    ("mantisconnect", "LAX 043-mc_project_get_categories-response.xml: {http://futureware.biz/mantisconnect}mc_project_get_categoriesResponse: xsi:type soapenc:Array ignored"),
    ("mantisconnect", "LAX 047-mc_project_get_versions-response.xml: {http://futureware.biz/mantisconnect}mc_project_get_versionsResponse: xsi:type soapenc:Array ignored"),
    ("mantisconnect", "LAX 051-mc_project_get_released_versions-response.xml: {http://futureware.biz/mantisconnect}mc_project_get_released_versionsResponse: xsi:type soapenc:Array ignored"),
    ("mantisconnect", "LAX 052-mc_project_get_unreleased_versions-response.xml: {http://futureware.biz/mantisconnect}mc_project_get_unreleased_versionsResponse: xsi:type soapenc:Array ignored"),
    ("mantisconnect", "LAX 053-mc_project_get_attachments-response.xml: {http://futureware.biz/mantisconnect}mc_project_get_attachmentsResponse: xsi:type soapenc:Array ignored"),
    ("mantisconnect", "LAX 054-mc_project_get_custom_fields-response.xml: {http://futureware.biz/mantisconnect}mc_project_get_custom_fieldsResponse: xsi:type soapenc:Array ignored"),
    ("mantisconnect", "LAX 058-mc_project_get_all_subprojects-response.xml: {http://futureware.biz/mantisconnect}mc_project_get_all_subprojectsResponse: xsi:type soapenc:Array ignored"),
    ("mantisconnect", "LAX 059-mc_filter_get-response.xml: {http://futureware.biz/mantisconnect}mc_filter_getResponse: xsi:type soapenc:Array ignored"),
    ("mantisconnect", "LAX 060-mc_filter_get_issues-response.xml: {http://futureware.biz/mantisconnect}mc_filter_get_issuesResponse: xsi:type soapenc:Array ignored"),
    ("mantisconnect", "LAX 061-mc_filter_get_issue_headers-response.xml: {http://futureware.biz/mantisconnect}mc_filter_get_issue_headersResponse: xsi:type soapenc:Array ignored"),
    ("mantisconnect", "LAX 062-mc_filter_search_issue_headers-request.xml: {http://futureware.biz/mantisconnect}mc_filter_search_issue_headers: xsi:type soapenc:Array ignored"),
    ("mantisconnect", "LAX 062-mc_filter_search_issue_headers-response.xml: {http://futureware.biz/mantisconnect}mc_filter_search_issue_headersResponse: xsi:type soapenc:Array ignored"),
    ("mantisconnect", "LAX 063-mc_filter_search_issues-request.xml: {http://futureware.biz/mantisconnect}mc_filter_search_issues: xsi:type soapenc:Array ignored"),
    ("mantisconnect", "LAX 063-mc_filter_search_issues-response.xml: {http://futureware.biz/mantisconnect}mc_filter_search_issuesResponse: xsi:type soapenc:Array ignored"),
    ("mantisconnect", "LAX 064-mc_filter_search_issue_ids-request.xml: {http://futureware.biz/mantisconnect}mc_filter_search_issue_ids: xsi:type soapenc:Array ignored"),
    ("mantisconnect", "LAX 064-mc_filter_search_issue_ids-response.xml: {http://futureware.biz/mantisconnect}mc_filter_search_issue_idsResponse: xsi:type soapenc:Array ignored"),
    ("mantisconnect", "LAX 068-mc_user_profiles_get_all-response.xml: {http://futureware.biz/mantisconnect}mc_user_profiles_get_allResponse: xsi:type soapenc:Array ignored"),
    ("mantisconnect", "LAX 069-mc_tag_get_all-response.xml: {http://futureware.biz/mantisconnect}mc_tag_get_allResponse: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 000-getAllInstrumentDescriptions-response.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getAllInstrumentDescriptionsResponse: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 001-getAllInstrumentTypes-response.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getAllInstrumentTypesResponse: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 002-getAllInstruments-response.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getAllInstrumentsResponse: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 003-getAllMissionGroups-response.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getAllMissionGroupsResponse: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 004-getAllViewDescriptions-response.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getAllViewDescriptionsResponse: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 005-getCdasDataFile-request.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getCdasDataFile: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 005-getCdasDataFile-response.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getCdasDataFileResponse: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 006-getCdasDataFile2-request.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getCdasDataFile2: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 006-getCdasDataFile2-response.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getCdasDataFile2Response: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 007-getCdasDataFile3-request.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getCdasDataFile3: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 007-getCdasDataFile3-response.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getCdasDataFile3Response: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 008-getCdasDataFile4-request.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getCdasDataFile4: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 008-getCdasDataFile4-response.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getCdasDataFile4Response: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 009-getCdfmlDataFiles-request.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getCdfmlDataFiles: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 009-getCdfmlDataFiles-response.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getCdfmlDataFilesResponse: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 010-getCdfmlDataFiles2-response.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getCdfmlDataFiles2Response: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 011-getCdfmlDataUrls-request.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getCdfmlDataUrls: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 011-getCdfmlDataUrls-response.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getCdfmlDataUrlsResponse: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 012-getCdfmlDataUrls2-response.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getCdfmlDataUrls2Response: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 013-getDataAsText-request.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getDataAsText: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 013-getDataAsText-response.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getDataAsTextResponse: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 014-getDataAsText2-request.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getDataAsText2: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 014-getDataAsText2-response.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getDataAsText2Response: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 015-getDataFiles-response.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getDataFilesResponse: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 016-getDataFiles2-request.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getDataFiles2: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 016-getDataFiles2-response.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getDataFiles2Response: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 017-getDataFiles3-request.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getDataFiles3: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 017-getDataFiles3-response.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getDataFiles3Response: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 018-getDataFiles4-response.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getDataFiles4Response: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 019-getDataGraph-request.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getDataGraph: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 019-getDataGraph-response.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getDataGraphResponse: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 020-getDataGraph2-request.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getDataGraph2: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 020-getDataGraph2-response.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getDataGraph2Response: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 021-getDataGraph3-request.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getDataGraph3: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 021-getDataGraph3-response.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getDataGraph3Response: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 022-getDataUrls-response.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getDataUrlsResponse: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 023-getDataUrls2-request.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getDataUrls2: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 023-getDataUrls2-response.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getDataUrls2Response: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 024-getDatasetVariables-response.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getDatasetVariablesResponse: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 025-getDatasets-request.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getDatasets: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 025-getDatasets-response.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getDatasetsResponse: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 026-getDatasets2-request.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getDatasets2: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 026-getDatasets2-response.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getDatasets2Response: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 027-getDatasetsByInstrument-request.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getDatasetsByInstrument: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 027-getDatasetsByInstrument-response.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getDatasetsByInstrumentResponse: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 028-getDatasetsByInstrument2-request.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getDatasetsByInstrument2: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 028-getDatasetsByInstrument2-response.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getDatasetsByInstrument2Response: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 029-getDatasetsBySource-request.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getDatasetsBySource: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 029-getDatasetsBySource-response.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getDatasetsBySourceResponse: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 030-getDatasetsBySource2-request.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getDatasetsBySource2: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 030-getDatasetsBySource2-response.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getDatasetsBySource2Response: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 031-getInstrTypesForGroups-request.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getInstrTypesForGroups: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 031-getInstrTypesForGroups-response.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getInstrTypesForGroupsResponse: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 032-getInstrumentDescriptions-request.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getInstrumentDescriptions: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 032-getInstrumentDescriptions-response.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getInstrumentDescriptionsResponse: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 033-getInstrumentTypes-request.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getInstrumentTypes: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 033-getInstrumentTypes-response.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getInstrumentTypesResponse: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 034-getInstruments-request.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getInstruments: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 034-getInstruments-response.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getInstrumentsResponse: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 036-getMissionGroupDescriptions-response.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getMissionGroupDescriptionsResponse: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 037-getSourceDescriptions-request.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getSourceDescriptions: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 037-getSourceDescriptions-response.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getSourceDescriptionsResponse: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 038-getSourceDescriptionsByInstrument-request.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getSourceDescriptionsByInstrument: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 038-getSourceDescriptionsByInstrument-response.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getSourceDescriptionsByInstrumentResponse: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 039-getSources-request.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getSources: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 039-getSources-response.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getSourcesResponse: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 040-getSourcesByInstrument-request.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getSourcesByInstrument: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 040-getSourcesByInstrument-response.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getSourcesByInstrumentResponse: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 041-getThumbnailExpansion-request.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getThumbnailExpansion: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 041-getThumbnailExpansion-response.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getThumbnailExpansionResponse: xsi:type soapenc:Array ignored"),
    ("nasa-cdas", "LAX 042-getVariableDescriptions-response.xml: {http://cdaweb.gsfc.nasa.gov/WS/CDASWS}getVariableDescriptionsResponse: xsi:type soapenc:Array ignored"),
];

fn corpus_present() {
    if cfg!(corpus_missing) {
        panic!(
            "the corpus is missing: expected {CORPUS_DIR}/MANIFEST.tsv (the `shared` folder next to \
             the workspace, see its README); these tests read the real-world WSDLs from there"
        );
    }
}

/// The list as Rust source, to paste into this file.
fn as_source(list: &[(String, String)]) -> String {
    list.iter()
        .map(|(a, b)| format!("    ({a:?}, {b:?}),\n"))
        .collect()
}

fn owned(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

/// Compares an actual list with its expected list, restricted to the `WSDL_CORPUS_ONLY` ids when
/// the build was.
fn compare(what: &str, actual: Vec<(String, String)>, expected: &[(&str, &str)]) {
    if let Some(message) = difference(what, actual, expected) {
        panic!("{message}");
    }
}

/// What [`compare`] panics with, if the lists differ.
fn difference(
    what: &str,
    actual: Vec<(String, String)>,
    expected: &[(&str, &str)],
) -> Option<String> {
    let mut expected = owned(expected);
    if let Some(only) = ONLY {
        expected.retain(|(id, _)| only.contains(&id.as_str()));
    }
    if actual == expected {
        return None;
    }
    let gone: Vec<_> = expected.iter().filter(|e| !actual.contains(e)).collect();
    let new: Vec<_> = actual.iter().filter(|a| !expected.contains(a)).collect();
    Some(format!(
        "{what} changed.\n  no longer listed: {gone:#?}\n  newly listed: {new:#?}\nThe current list:\n{}",
        as_source(&actual)
    ))
}

#[test]
fn generation_failures_are_the_expected_ones() {
    corpus_present();
    compare(
        "The generation failures",
        owned(GENERATION_FAILURES),
        EXPECTED_GENERATION_FAILURES,
    );
}

#[test]
fn every_sample_round_trips() {
    corpus_present();
    assert!(!MODULES.is_empty(), "no WSDL was generated");
    let mut failures = Vec::new();
    let mut details = Vec::new();
    for m in MODULES {
        for gap in m.gaps {
            failures.push((m.id.to_string(), format!("no sample: {gap}")));
        }
        let results = (m.roundtrip_all)();
        assert!(!results.is_empty(), "{}: the harness found no types", m.id);
        for (ty, result) in results {
            if let Err(e) = result {
                let first = e.lines().next().unwrap_or_default();
                failures.push((m.id.to_string(), format!("{ty}: {first}")));
                details.push(format!("{}: {ty}: {e}", m.id));
            }
        }
    }
    if let Some(message) = difference(
        "The round trip failures",
        failures,
        EXPECTED_ROUNDTRIP_FAILURES,
    ) {
        panic!("{message}\nIn full:\n{}", details.join("\n"));
    }
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn python() -> PathBuf {
    let python = std::env::var_os("SCHEMA_CHECK_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join(".venv/bin/python"));
    assert!(
        python.exists() || std::env::var_os("SCHEMA_CHECK_PYTHON").is_some(),
        "no Python for the schema check at {}: set SCHEMA_CHECK_PYTHON to a Python with xmlschema, \
         or create the venv (python3 -m venv .venv && .venv/bin/pip install xmlschema)",
        python.display()
    );
    python
}

/// Writes the bodies of `m` (one SOAP `Body` element each) to a fresh directory; returns it and
/// the file names.
fn write_bodies(m: &Module) -> (PathBuf, Vec<String>) {
    let dir = std::env::temp_dir()
        .join(format!("wsdl-corpus-tests-{}", std::process::id()))
        .join(m.id);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create the body directory");
    let mut names = Vec::new();
    for (i, (op, request, response)) in (m.operation_bodies)().into_iter().enumerate() {
        for (which, xml) in [("request", request), ("response", response)] {
            if !xml.is_empty() {
                let name = format!("{i:03}-{op}-{which}.xml");
                std::fs::write(dir.join(&name), xml).expect("write a body");
                names.push(name);
            }
        }
    }
    (dir, names)
}

#[test]
fn every_operation_body_validates_against_the_schemas() {
    corpus_present();
    let python = python();
    let script = workspace().join("tests/schema/roundtrip.py");
    let mut not_strict = Vec::new();
    let mut invalid = Vec::new();
    let mut skipped = Vec::new();
    let mut lax = Vec::new();
    for m in MODULES {
        let (dir, names) = write_bodies(m);
        assert!(!names.is_empty(), "{}: no operation bodies", m.id);
        let mut cmd = Command::new(&python);
        cmd.arg(&script).arg(m.wsdl).arg(&dir);
        if let Some(catalog) = m.catalog {
            cmd.arg("--catalog").arg(catalog);
        }
        let out = cmd
            .output()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", python.display()));
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        // Exit status 1 only says that some body is invalid (listed below).
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{}: roundtrip.py failed ({}):\n{stdout}\n{stderr}",
            m.id,
            out.status
        );
        let mut lines = stdout.lines();
        let mode = lines.next().unwrap_or_default();
        let Some(mode) = mode.strip_prefix("mode: ") else {
            panic!("{}: roundtrip.py failed:\n{stdout}\n{stderr}", m.id);
        };
        if mode != "strict" {
            not_strict.push((m.id.to_string(), mode.to_string()));
        }
        let lines: Vec<&str> = lines.collect();
        if !mode.starts_with("none") {
            // Every body reported: each child of its `Body` valid, invalid or skipped.
            let reported = |name: &str| {
                lines.iter().any(|l| {
                    l.split_once(' ').is_some_and(|(_, rest)| {
                        rest == name || rest.starts_with(&format!("{name}: "))
                    })
                })
            };
            let missing: Vec<&String> = names.iter().filter(|n| !reported(n)).collect();
            assert!(
                missing.is_empty(),
                "{}: bodies not checked: {missing:?}\n{stdout}",
                m.id
            );
        }
        for line in lines {
            let list = if line.starts_with("INVALID ") {
                &mut invalid
            } else if line.starts_with("SKIPPED ") {
                &mut skipped
            } else if line.starts_with("LAX ") {
                &mut lax
            } else {
                assert!(
                    line.starts_with("valid ") || line.starts_with("empty "),
                    "{}: unexpected output line `{line}`\n{stdout}",
                    m.id
                );
                continue;
            };
            list.push((m.id.to_string(), line.to_string()));
        }
        if std::env::var_os("WSDL_CORPUS_KEEP_BODIES").is_none() {
            let _ = std::fs::remove_dir_all(&dir);
        }
    }
    // All four lists, so that one run shows every change.
    let differences: Vec<String> = [
        difference("The bodies the schemas reject", invalid, EXPECTED_INVALID),
        difference(
            "The body elements not validated",
            skipped,
            EXPECTED_NOT_VALIDATED,
        ),
        difference(
            "The rpc/encoded bodies valid only without xsi:type soapenc:Array",
            lax,
            EXPECTED_LAX,
        ),
        difference(
            "The WSDLs not validated strictly",
            not_strict,
            EXPECTED_NOT_STRICT,
        ),
    ]
    .into_iter()
    .flatten()
    .collect();
    assert!(differences.is_empty(), "{}", differences.join("\n\n"));
}

/// The fixture WSDLs, with their catalogs: `tests/fixtures/*.wsdl` and `tests/fixtures/*/main.wsdl`.
fn fixtures() -> Vec<(PathBuf, Option<PathBuf>)> {
    let dir = workspace().join("tests/fixtures");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("tests/fixtures exists") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            let catalog = path.join("catalog.xml");
            out.push((path.join("main.wsdl"), catalog.is_file().then_some(catalog)));
        } else if path.extension().is_some_and(|e| e == "wsdl") {
            out.push((path, None));
        }
    }
    out.sort();
    out
}

#[test]
fn every_fixture_schema_is_valid_xsd() {
    let python = python();
    let script = workspace().join("tests/schema/roundtrip.py");
    let fixtures = fixtures();
    assert!(fixtures.len() >= 10, "fixtures missing: {fixtures:?}");
    let mut invalid = Vec::new();
    for (wsdl, catalog) in &fixtures {
        let mut cmd = Command::new(&python);
        cmd.arg(&script).arg("--schemas-only").arg(wsdl);
        if let Some(catalog) = catalog {
            cmd.arg("--catalog").arg(catalog);
        }
        let out = cmd
            .output()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", python.display()));
        if !out.status.success() {
            invalid.push(format!(
                "{}: {}{}",
                wsdl.display(),
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ));
        }
    }
    assert!(
        invalid.is_empty(),
        "invalid fixture schemas:\n{}",
        invalid.join("\n")
    );
}

#[test]
fn every_fixture_is_generated_or_listed() {
    let ids: Vec<String> = fixtures()
        .iter()
        .map(|(wsdl, _)| {
            let name = if wsdl.file_name().is_some_and(|n| n == "main.wsdl") {
                wsdl.parent().and_then(|p| p.file_name())
            } else {
                wsdl.file_stem()
            };
            format!("fixture-{}", name.expect("a name").to_string_lossy())
        })
        .collect();
    for id in ids
        .iter()
        .filter(|id| ONLY.is_none_or(|only| only.contains(&id.as_str())))
    {
        let generated = MODULES.iter().any(|m| m.id == id);
        let failed = GENERATION_FAILURES.iter().any(|(f, _)| f == id);
        assert!(
            generated != failed,
            "{id}: generated {generated}, failed {failed}"
        );
    }
}

#[test]
fn the_harness_samples_and_round_trips_the_whole_vocabulary() {
    use wsdl_corpus_tests::vocabulary::harness;
    assert!(harness::GAPS.is_empty(), "gaps: {:?}", harness::GAPS);
    let results = harness::roundtrip_all();
    let types: Vec<&str> = results.iter().map(|(t, _)| t.as_str()).collect();
    for expected in [
        "Document", "Contact", "AnyShape", "Builtins", "Node", "Formula", "Flags",
    ] {
        assert!(
            types.contains(&expected),
            "no round trip of {expected}: {types:?}"
        );
    }
    let failures: Vec<String> = results
        .into_iter()
        .filter_map(|(t, r)| r.err().map(|e| format!("{t}: {e}")))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Every field is populated: the optional ones, the recursive ones up to the depth limit.
    let doc = harness::sample_Document(0);
    assert!(doc.summary.is_some() && doc.owner.is_some() && doc.formula.is_some());
    assert_eq!(
        doc.schema_version.as_deref(),
        Some("2.1"),
        "fixed values are kept"
    );
    assert_eq!(
        (doc.extra.len(), doc.rest.len(), doc.notes.len()),
        (1, 1, 1)
    );
    let node = harness::sample_Node(0);
    assert!(node.parent.is_some() && !node.child.is_empty());
    let mut depth = 0;
    let mut next = node.parent.as_deref();
    while let Some(n) = next {
        depth += 1;
        next = n.parent.as_deref();
    }
    assert!((1..=3).contains(&depth), "recursion cut at depth {depth}");
    let builtins = harness::sample_Builtins(0);
    assert_eq!(builtins.encoded.len(), 2, "SOAP arrays get two items");
    assert_eq!(builtins.holes, [Some(builtins.holes[0].unwrap()), None]);
}

/// `AnyElement::capture` declares on the captured element every namespace in scope that the
/// element does not declare differently from its parent, so an element that redeclares a
/// namespace with its parent's value gets that declaration twice: after two round trips the
/// `xml` has duplicate `xmlns:p1` attributes and is not well-formed. Found by the vocabulary round
/// trip; remove the `ignore` when runtime/src/xml/fields.rs is fixed.
#[test]
#[ignore = "runtime bug: AnyElement::capture duplicates redeclared namespaces (runtime/src/xml/fields.rs)"]
fn any_element_capture_is_idempotent() {
    use soap_runtime::__private::{from_xml_str, to_xml_string};
    use wsdl_corpus_tests::vocabulary::{generated::Document, harness};
    let ns = wsdl_corpus_tests::vocabulary::generated::NS_VOCABULARY;
    let once: Document = from_xml_str(
        &to_xml_string(ns, "sample", &harness::sample_Document(0)),
        ns,
        "sample",
    )
    .expect("decodes");
    let xml = to_xml_string(ns, "sample", &once);
    let twice: Document = from_xml_str(&xml, ns, "sample").expect("decodes");
    assert_eq!(twice, once, "a second round trip changes the value");
    let again = to_xml_string(ns, "sample", &twice);
    wsdl_corpus_tests::infoset(&again).expect("the re-encoded document is well-formed");
}
