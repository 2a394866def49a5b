/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * hostkey.h: who the server at the other end is, as Debian's ssh and curl would decide it.
 *
 * SSH: the host key libgit2 hands to the certificate callback (git_cert_hostkey with the raw
 * key, libgit2 1.5 on libssh2) is looked up with libssh2's own known-hosts functions, in
 * [sync] known_hosts when set and in ~/.ssh/known_hosts (once when both name one file):
 * hashed lines (HashKnownHosts yes, Debian's default), plain ones, "[host]:port" entries and
 * "@revoked" markers. A new host's line is written hashed, as Debian's ssh writes it.
 *
 * TLS: Debian's libgit2 1.5 uses mbedTLS 2.28, which compares the host only with the DNS
 * names of a certificate and never with its IP addresses, so an https:// remote by address
 * fails there although git (curl, GnuTLS) and curl accept it. The certificate is verified
 * again here with OpenSSL: the chain against [sync] ca_file (else the system's CAs), the
 * dates, and the name or the address, so that the message says which one failed.
 */
#ifndef VOLUNTEER_SYNC_HOSTKEY_H
#define VOLUNTEER_SYNC_HOSTKEY_H

#include <stddef.h>

#include <git2.h>

#include "core/error.h"

enum hostkey_verdict {
	HOSTKEY_KNOWN,		/* a line of a known_hosts file holds this key for the host */
	HOSTKEY_UNKNOWN,	/* no line names the host (first contact) */
	HOSTKEY_CHANGED,	/* lines name the host with another key: never trusted */
	HOSTKEY_REVOKED,	/* an @revoked line holds this key */
	HOSTKEY_UNREADABLE,	/* the key or a known_hosts file could not be read */
};

struct hostkey_check {
	enum hostkey_verdict verdict;
	char fingerprint[64];	/* "SHA256:..." as ssh prints it */
	char key_type[32];	/* "ssh-ed25519" */
	char host_entry[300];	/* "host" or "[host]:port" as known_hosts names it */
	char file[1024];	/* where a trusted key is written: [sync] known_hosts, else
				 * ~/.ssh/known_hosts */
	char why[200];		/* HOSTKEY_UNREADABLE: what could not be read */
};

/* The port of an ssh:// or scp-like URL (22 when none is given). */
int hostkey_url_port(const char *url);

/* Look the host's key up; known_hosts is [sync] known_hosts ("" or NULL: none). */
void hostkey_lookup(const char *known_hosts, const char *host, int port,
    const git_cert_hostkey *hk, struct hostkey_check *out);

/* Append the key of a checked host to out->file as one hashed line (|1|salt|hash). */
int hostkey_trust(const struct hostkey_check *chk, const git_cert_hostkey *hk,
    struct error *err);

/*
 * Verify an X.509 server certificate (DER) for host (a name or an IP address) against
 * ca_file (NULL or "": the system's CAs). 0 when it holds; -1 with why filled (one clause
 * in English, for a message).
 */
int tls_verify_cert(const void *der, size_t len, const char *host, const char *ca_file,
    char *why, size_t cap);

/* 1 when the private key file is locked with a passphrase (PEM "ENCRYPTED", or an
 * openssh-key-v1 whose cipher is not "none"); 0 when not or when it cannot tell. */
int ssh_key_has_passphrase(const char *file);

/* 1 when host is an IPv4 or IPv6 address, not a name. */
int host_is_address(const char *host);

#endif
