//! The HTTP side of `serve`: the site's files from the current snapshot, and the
//! Server-Sent Events stream that tells open tabs to reload or to show an error.

use super::files::{self, EVENTS_PATH, NO_BUILD, Resolved, Snapshot};
use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::Stream;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;

/// What every request handler sees: the current snapshot, and whether the server is stopping
/// (event streams end then, so a graceful shutdown does not wait on open tabs).
#[derive(Clone)]
pub struct App {
    pub site: watch::Receiver<Arc<Snapshot>>,
    pub stop: watch::Receiver<bool>,
}

pub fn router(app: App) -> Router {
    Router::new()
        .route(EVENTS_PATH, get(events))
        .fallback(site_file)
        .with_state(app)
}

async fn site_file(State(app): State<App>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        let mut r = plain(StatusCode::METHOD_NOT_ALLOWED, "405 Method Not Allowed\n");
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    let mut snap = app.site.borrow().clone();
    if let Some(ahead) = &snap.ahead {
        // A rebuild is running: the edited files' pages are final already, the rest waits.
        if let Resolved::File(key) = files::resolve(ahead, uri.path()) {
            return file(
                StatusCode::OK,
                &key,
                files::served(&key, &ahead[&key], &snap.build),
            );
        }
        let mut site = app.site.clone();
        if let Ok(done) = site.wait_for(|s| s.ahead.is_none()).await {
            snap = done.clone();
        }
    }
    if snap.build == NO_BUILD {
        // No good build yet: every path shows the errors (and reloads once they are fixed).
        return match &snap.error {
            Some(e) => file(
                StatusCode::INTERNAL_SERVER_ERROR,
                "index.html",
                files::error_page(e).into(),
            ),
            None => plain(StatusCode::SERVICE_UNAVAILABLE, "the site is being built\n"),
        };
    }
    match files::resolve(&snap.files, uri.path()) {
        Resolved::File(key) => file(
            StatusCode::OK,
            &key,
            files::served(&key, &snap.files[&key], &snap.build),
        ),
        Resolved::Redirect(to) => {
            let to = match uri.query() {
                Some(q) => format!("{to}?{q}"),
                None => to,
            };
            let mut r = plain(StatusCode::FOUND, "");
            if let Ok(v) = HeaderValue::from_str(&to) {
                r.headers_mut().insert(header::LOCATION, v);
            }
            r
        }
        Resolved::NotFound => match snap.files.get("404.html") {
            Some(page) => file(
                StatusCode::NOT_FOUND,
                "404.html",
                files::served("404.html", page, &snap.build),
            ),
            None => plain(StatusCode::NOT_FOUND, "404 Not Found\n"),
        },
        Resolved::BadRequest => plain(
            StatusCode::BAD_REQUEST,
            "400 Bad Request: the path cannot name a file of this site\n",
        ),
    }
}

/// A site file. `no-store`: a preview must never show a cached older build after a reload.
fn file(status: StatusCode, path: &str, bytes: Bytes) -> Response {
    let mut r = (status, bytes).into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(files::content_type(path)),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    r
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    let mut r = (status, text).into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

/// `state` events: the current state on connect, then again after every rebuild (good or
/// failed). The stream ends when the server stops.
async fn events(State(app): State<App>) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let stream = futures_util::stream::unfold(
        (app.site, app.stop, true),
        |(mut site, mut stop, first)| async move {
            if !first {
                tokio::select! {
                    changed = site.changed() => changed.ok()?,
                    _ = stop.wait_for(|stopping| *stopping) => return None,
                }
            }
            let data = site.borrow_and_update().state_json();
            let mut event = Event::default().event("state").data(data);
            if first {
                // Reconnect quickly after a restart of `serve` (browsers wait ~3 s otherwise).
                event = event.retry(Duration::from_millis(500));
            }
            Some((Ok(event), (site, stop, false)))
        },
    );
    Sse::new(stream).keep_alive(KeepAlive::default())
}
