//! Which addresses the sweep refuses to reach: a posting is a stranger's
//! text, and its link must not make the board's runner knock on its own
//! network (a router's page, a cloud's metadata service, a database on
//! loopback). Addresses written in the link are refused before anything is
//! sent, by [`literal`]; names are resolved by [`Guarded`], which refuses
//! them when any address they resolve to is not public, on the first
//! request and on every redirect, so that a name cannot be pointed inward
//! between a check and the connection.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use url::{Host, Url};

/// A link that leads to an address the sweep does not reach.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub ip: IpAddr,
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "points to a private address ({})", self.ip)
    }
}

impl std::error::Error for Refused {}

/// A name that resolves to no address (or that the resolver cannot resolve).
#[derive(Debug)]
pub struct NoSuchHost {
    pub host: String,
    pub why: std::io::Error,
}

impl fmt::Display for NoSuchHost {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // tokio's own words before the resolver's say nothing more.
        let why = self.why.to_string();
        let why = why
            .strip_prefix("failed to lookup address information: ")
            .unwrap_or(&why);
        write!(f, "DNS failure: {why}")
    }
}

impl std::error::Error for NoSuchHost {}

/// Whether `ip` is one the sweep does not reach: private (RFC 1918, unique
/// local), loopback, link-local, unspecified, shared (carrier-grade NAT),
/// broadcast or multicast; an IPv4 address inside IPv6 is judged as IPv4.
pub fn is_private(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => private_v4(v4),
        IpAddr::V6(v6) => private_v6(v6),
    }
}

fn private_v4(ip: Ipv4Addr) -> bool {
    let [a, b, ..] = ip.octets();
    ip.is_private()
        || ip.is_loopback()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_multicast()
        // 0.0.0.0/8 ("this network") and 100.64.0.0/10 (shared address space).
        || a == 0
        || (a == 100 && (b & 0b1100_0000) == 64)
}

fn private_v6(ip: Ipv6Addr) -> bool {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return private_v4(v4);
    }
    let segments = ip.segments();
    // 64:ff9b::/96, NAT64: an IPv4 address in its last 32 bits.
    if segments[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        let [.., hi, lo] = segments;
        return private_v4(Ipv4Addr::from((u32::from(hi) << 16) | u32::from(lo)));
    }
    ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_multicast()
        // fc00::/7 unique local, fe80::/10 link-local, fec0::/10 site-local (deprecated).
        || (segments[0] & 0xfe00) == 0xfc00
        || (segments[0] & 0xffc0) == 0xfe80
        || (segments[0] & 0xffc0) == 0xfec0
}

/// The address a link names in place of a host, when it is one the sweep
/// does not reach.
pub fn literal(url: &Url) -> Option<Refused> {
    let ip = match url.host()? {
        Host::Ipv4(v4) => IpAddr::V4(v4),
        Host::Ipv6(v6) => IpAddr::V6(v6),
        Host::Domain(_) => return None,
    };
    is_private(ip).then_some(Refused { ip })
}

/// The system's resolver, refusing a name with an address that
/// [`is_private`] (unless private addresses are allowed, for tests).
pub struct Guarded {
    pub allow_private: bool,
}

impl Resolve for Guarded {
    fn resolve(&self, name: Name) -> Resolving {
        let allow_private = self.allow_private;
        let host = name.as_str().to_string();
        Box::pin(async move {
            let found = tokio::net::lookup_host((host.clone(), 0)).await;
            let addrs: Vec<SocketAddr> = match found {
                Ok(addrs) => addrs.collect(),
                Err(why) => return Err(Box::new(NoSuchHost { host, why }) as _),
            };
            if addrs.is_empty() {
                let why = std::io::Error::new(std::io::ErrorKind::NotFound, "no address");
                return Err(Box::new(NoSuchHost { host, why }) as _);
            }
            if !allow_private && let Some(addr) = addrs.iter().find(|a| is_private(a.ip())) {
                return Err(Box::new(Refused { ip: addr.ip() }) as _);
            }
            Ok(Box::new(addrs.into_iter()) as Addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn private(text: &str) -> bool {
        is_private(text.parse().unwrap())
    }

    #[test]
    fn inward_addresses_are_private() {
        for ip in [
            "10.1.2.3",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "127.0.0.1",
            "127.8.8.8",
            "169.254.169.254",
            "0.0.0.0",
            "0.1.2.3",
            "100.64.0.1",
            "255.255.255.255",
            "224.0.0.1",
            "::1",
            "::",
            "fc00::1",
            "fd12:3456::1",
            "fe80::1",
            "fec0::1",
            "ff02::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "64:ff9b::a9fe:a9fe",
        ] {
            assert!(private(ip), "{ip}");
        }
    }

    #[test]
    fn public_addresses_are_not() {
        for ip in [
            "93.184.216.34",
            "172.32.0.1",
            "100.128.0.1",
            "8.8.8.8",
            "2606:4700::1111",
            "::ffff:8.8.8.8",
            "64:ff9b::808:808",
        ] {
            assert!(!private(ip), "{ip}");
        }
    }

    #[test]
    fn literals_in_links() {
        let refused = |u: &str| literal(&Url::parse(u).unwrap());
        assert!(refused("http://127.0.0.1:8080/x").is_some());
        assert!(refused("http://[::1]/").is_some());
        assert!(refused("http://0x7f000001/").is_some());
        assert!(refused("https://169.254.169.254/latest/meta-data/").is_some());
        assert!(refused("https://acme.example/jobs").is_none());
        assert!(refused("https://8.8.8.8/").is_none());
    }
}
