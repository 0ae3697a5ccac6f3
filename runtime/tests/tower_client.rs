//! Clients over tower layers: `HttpTransport` as a tower service, wrapped in layers and used
//! through `TowerTransport` by a client.
#![cfg(all(feature = "http-client", feature = "http-server"))]

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use common::*;
use soap_runtime::__private::*;
use soap_runtime::{HttpTransport, SoapHttpServer, TowerTransport};

#[tokio::test]
async fn layers_see_every_call() {
    let url = start_server(SoapHttpServer::new(Echo)).await;
    let seen = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&seen);
    let service = tower::ServiceBuilder::new()
        .concurrency_limit(4)
        .map_request(move |request: TransportRequest| {
            if request.operation == "Echo" {
                counter.fetch_add(1, Ordering::SeqCst);
            }
            request
        })
        .service(HttpTransport::new().unwrap());
    let client = ClientCore::new(
        TowerTransport::new(service),
        url.as_str(),
        SoapVersion::Soap11,
    );
    assert_eq!(echo(&client, "one").await.unwrap(), "one");
    assert_eq!(echo(&client, "two").await.unwrap(), "two");
    assert_eq!(seen.load(Ordering::SeqCst), 2);
    // A fault passes through the layers as a fault.
    let request = Message::<_, ()>::new(());
    let err = client
        .call::<_, (), (), ()>(&FAIL, request)
        .await
        .unwrap_err();
    assert!(matches!(err, ClientError::Fault { .. }), "{err:?}");
}

#[tokio::test]
async fn a_timeout_layer_bounds_the_call() {
    // A server that accepts and never answers.
    let (listener, addr) = listen().await;
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            held.push(socket);
        }
    });
    let service = tower::ServiceBuilder::new()
        .timeout(Duration::from_millis(200))
        .service(HttpTransport::new().unwrap());
    let client = ClientCore::new(
        TowerTransport::new(service),
        format!("http://{addr}/"),
        SoapVersion::Soap11,
    );
    let err = echo(&client, "x").await.unwrap_err();
    match &err {
        ClientError::Transport {
            source: TransportError::Other(e),
            ..
        } => assert!(e.to_string().contains("timed out"), "{e}"),
        other => panic!("expected the layer's timeout, got {other:?}"),
    }
    // The transport's own errors keep their kind through the layers.
    let refused = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let service = tower::ServiceBuilder::new()
        .timeout(Duration::from_secs(5))
        .service(HttpTransport::new().unwrap());
    let client = ClientCore::new(
        TowerTransport::new(service),
        format!("http://127.0.0.1:{refused}/"),
        SoapVersion::Soap11,
    );
    let err = echo(&client, "x").await.unwrap_err();
    assert!(err.is_connect(), "{err:?}");
}
