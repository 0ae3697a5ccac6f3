//! HTTP transports: [`HttpTransport`] (feature `http-client`) and [`SoapHttpServer`]
//! (feature `http-server`).

#[cfg(feature = "http-client")]
mod body;
#[cfg(feature = "http-client")]
pub mod client;
#[cfg(feature = "http-server")]
mod conn;
#[cfg(feature = "http-client")]
mod layered;
#[cfg(feature = "http-server")]
pub mod server;
#[cfg(feature = "http-server")]
mod wsdl;

#[cfg(feature = "http-client")]
pub use client::{HttpTransport, HttpTransportBuilder};
#[cfg(feature = "http-client")]
pub use layered::TowerTransport;
#[cfg(feature = "http-server")]
pub use server::{serve, SoapHttpServer};
