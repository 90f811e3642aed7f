//! Fetches a web page for import: one blocking GET with a timeout, a size
//! limit and a bounded number of redirects, and an error that says which of
//! those failed (host not found, no connection, no answer in time, an error
//! status, too many redirects, not an HTML page, too large).

use std::time::Duration;

use ureq::ResponseExt;

/// Redirects followed before giving up: enough for http → https → www →
/// a moved article.
pub const MAX_REDIRECTS: u32 = 5;
/// How long a fetch may take, from the DNS lookup to the last byte.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// A fetched page.
#[derive(Debug, Clone)]
pub struct Fetched {
    pub bytes: Vec<u8>,
    /// The address after redirects.
    pub url: String,
    pub content_type: Option<String>,
}

/// Why a fetch failed, with what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchError {
    pub message: String,
    pub hint: &'static str,
}

impl FetchError {
    fn new(message: String, hint: &'static str) -> Self {
        FetchError { message, hint }
    }
}

/// Fetches `url` (http or https), following at most [`MAX_REDIRECTS`]
/// redirects, refusing more than `max_bytes` and anything but HTML.
pub fn fetch(url: &str, timeout: Duration, max_bytes: usize) -> Result<Fetched, FetchError> {
    let config = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .max_redirects(MAX_REDIRECTS)
        .http_status_as_error(false)
        .user_agent(concat!(
            "dossier/",
            env!("CARGO_PKG_VERSION"),
            " (article import)"
        ))
        .build();
    let agent: ureq::Agent = config.into();
    let host = host_of(url);
    let mut response = agent
        .get(url)
        .header("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")
        .call()
        .map_err(|error| request_error(error, &host, url, timeout))?;
    let status = response.status();
    if status.is_redirection() {
        return Err(FetchError::new(
            format!("{url} still redirects after {MAX_REDIRECTS} redirects"),
            "open the address in a browser and import the address it ends at",
        ));
    }
    if !status.is_success() {
        return Err(status_error(
            status.as_u16(),
            status.canonical_reason(),
            url,
        ));
    }
    let final_url = response.get_uri().to_string();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    if let Some(kind) = &content_type {
        let media = kind
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if !matches!(media.as_str(), "text/html" | "application/xhtml+xml") {
            return Err(FetchError::new(
                format!("{final_url} is not an HTML page: the server says it is {media}"),
                "import the address of the article's web page",
            ));
        }
    }
    let bytes = response
        .body_mut()
        .with_config()
        .limit(max_bytes as u64)
        .read_to_vec()
        .map_err(|error| match error {
            ureq::Error::BodyExceedsLimit(_) => too_large(&final_url, max_bytes),
            other => request_error(other, &host, &final_url, timeout),
        })?;
    Ok(Fetched {
        bytes,
        url: final_url,
        content_type,
    })
}

fn too_large(url: &str, max_bytes: usize) -> FetchError {
    FetchError::new(
        format!(
            "{url} is larger than {} MiB, more than an article page can be",
            max_bytes / (1024 * 1024)
        ),
        "save the article's page from a browser and import the file",
    )
}

fn status_error(code: u16, reason: Option<&str>, url: &str) -> FetchError {
    let hint = match code {
        404 | 410 => "check the address: the page is not there (any more)",
        401 | 403 | 451 => {
            "the site refuses the download: save the page from a browser and import the file"
        }
        429 => "the site limits requests: wait and try again",
        500..=599 => "the site has a problem: try again later",
        _ => "check the address in a browser",
    };
    FetchError::new(
        format!("{url} answered {code} {}", reason.unwrap_or(""))
            .trim_end()
            .to_string(),
        hint,
    )
}

fn request_error(error: ureq::Error, host: &str, url: &str, timeout: Duration) -> FetchError {
    match error {
        ureq::Error::HostNotFound => dns_error(host),
        ureq::Error::Timeout(_) => FetchError::new(
            format!("{url} did not answer within {} s", timeout.as_secs_f64()),
            "try again, or give more time with --timeout SECONDS",
        ),
        ureq::Error::TooManyRedirects | ureq::Error::RedirectFailed => FetchError::new(
            format!("{url} redirects more than {MAX_REDIRECTS} times, or in a loop"),
            "open the address in a browser and import the address it ends at",
        ),
        ureq::Error::BadUri(detail) => FetchError::new(
            format!("{url} is not a valid address: {detail}"),
            "give an address such as https://example.com/article.html",
        ),
        ureq::Error::ConnectionFailed => FetchError::new(
            format!("cannot connect to {host}"),
            "check the address and the network connection",
        ),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            FetchError::new(
                format!("cannot connect to {host}: connection refused"),
                "check the address and its port",
            )
        }
        // The system resolver's failures come as plain I/O errors: tell
        // them from others by asking it again.
        ureq::Error::Io(_) if !resolves(host) => dns_error(host),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => FetchError::new(
            format!("{url} did not answer within {} s", timeout.as_secs_f64()),
            "try again, or give more time with --timeout SECONDS",
        ),
        other => FetchError::new(
            format!("cannot fetch {url}: {other}"),
            "check the address in a browser; if it opens there, save the page and import the file",
        ),
    }
}

fn dns_error(host: &str) -> FetchError {
    FetchError::new(
        format!("cannot find the host {host} (DNS)"),
        "check the address's spelling and the network connection",
    )
}

/// Whether the system resolver finds `host` ("name" or "name:port").
fn resolves(host: &str) -> bool {
    use std::net::ToSocketAddrs;
    let with_port = if host
        .rsplit_once(':')
        .is_some_and(|(_, p)| p.parse::<u16>().is_ok())
    {
        host.to_string()
    } else {
        format!("{host}:80")
    };
    with_port
        .to_socket_addrs()
        .is_ok_and(|mut a| a.next().is_some())
}

/// "example.com:8080" in "https://example.com:8080/a".
fn host_of(url: &str) -> String {
    url.split_once("://")
        .map_or(url, |(_, rest)| rest)
        .split(['/', '?', '#'])
        .next()
        .unwrap_or(url)
        .to_string()
}

/// Whether an import input is a web address rather than a file.
pub fn is_url(input: &str) -> bool {
    let lower = input.get(..8).unwrap_or(input).to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}
