//! The one rule for addresses snapback sends to (a witness's submission prefix in the charter,
//! a party's webhook): HTTPS anywhere, or plain HTTP to this machine only, judged on the
//! *parsed* URL (WHATWG rules, as the HTTP client will read it).

/// Why an address is refused, in words that finish "the URL ...: <problem>".
pub fn check_url(text: &str) -> Result<url::Url, String> {
    let parsed = url::Url::parse(text).map_err(|e| format!("not a URL ({e})"))?;
    // `http://localhost:1@evil/` goes to `evil`.
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(
            "it carries a user name or password before `@`, which hides the host it really goes to"
                .to_owned(),
        );
    }
    if parsed.fragment().is_some() {
        return Err("it carries a fragment (`#...`)".to_owned());
    }
    let host = parsed.host();
    let loopback = match &host {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        None => false,
    };
    match parsed.scheme() {
        _ if host.is_none() => Err("it names no host".to_owned()),
        "https" => Ok(parsed),
        "http" if loopback => Ok(parsed),
        "http" => Err(format!(
            "plain http:// to `{}`, which is not this machine; use https://",
            host.map(|h| h.to_string()).unwrap_or_default()
        )),
        other => Err(format!("the scheme `{other}` is neither https nor http")),
    }
}

#[cfg(test)]
mod tests {
    use super::check_url;

    #[test]
    fn https_anywhere_http_only_on_the_loopback() {
        for ok in [
            "https://w.example/",
            "https://w.example:8443/witness",
            "http://127.0.0.1:7000",
            "http://[::1]:7000/w",
            "http://LOCALHOST/",
        ] {
            assert!(check_url(ok).is_ok(), "{ok}");
        }
        for (bad, why) in [
            ("http://w.example/", "not this machine"),
            ("http://localhost:1@evil.example/", "user name"),
            ("https://w.example/#x", "fragment"),
            ("ftp://w.example/", "scheme"),
            ("w.example", "not a URL"),
        ] {
            let e = check_url(bad).expect_err(bad);
            assert!(e.contains(why), "{bad}: {e}");
        }
    }
}
