/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * hostkey.c: known_hosts through libssh2, and the TLS certificate through OpenSSL
 * (sync/hostkey.h says why each).
 *
 * libssh2_knownhost_readfile stops at the first line it cannot parse, and it parses no
 * marker: one "@revoked" or "@cert-authority" line (ssh-keygen and admins write them) would
 * hide every line after it. So the files are read here line by line, markers taken apart,
 * and each line handed to libssh2_knownhost_readline: the matching (hashed names, ports,
 * key types) stays libssh2's.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libssh2.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include "core/i18n.h"
#include "core/util.h"
#include "sync/hostkey.h"

#define KNOWN_HOSTS_MAX_LINE 16384

/* The key types libgit2 names, as libssh2 and a known_hosts line name them. */
static const struct key_kind {
	git_cert_ssh_raw_type_t git;
	int libssh2;
	const char *name;
} key_kinds[] = {
	{ GIT_CERT_SSH_RAW_TYPE_RSA, LIBSSH2_KNOWNHOST_KEY_SSHRSA, "ssh-rsa" },
	{ GIT_CERT_SSH_RAW_TYPE_DSS, LIBSSH2_KNOWNHOST_KEY_SSHDSS, "ssh-dss" },
	{ GIT_CERT_SSH_RAW_TYPE_KEY_ECDSA_256, LIBSSH2_KNOWNHOST_KEY_ECDSA_256,
	  "ecdsa-sha2-nistp256" },
	{ GIT_CERT_SSH_RAW_TYPE_KEY_ECDSA_384, LIBSSH2_KNOWNHOST_KEY_ECDSA_384,
	  "ecdsa-sha2-nistp384" },
	{ GIT_CERT_SSH_RAW_TYPE_KEY_ECDSA_521, LIBSSH2_KNOWNHOST_KEY_ECDSA_521,
	  "ecdsa-sha2-nistp521" },
	{ GIT_CERT_SSH_RAW_TYPE_KEY_ED25519, LIBSSH2_KNOWNHOST_KEY_ED25519, "ssh-ed25519" },
};

static const struct key_kind *
key_kind_of(git_cert_ssh_raw_type_t t)
{
	size_t i;

	for (i = 0; i < sizeof key_kinds / sizeof key_kinds[0]; i++)
		if (key_kinds[i].git == t)
			return &key_kinds[i];
	return NULL;
}

int
hostkey_url_port(const char *url)
{
	const char *a = strstr(url, "://"), *end, *at, *p;
	long port;

	if (a == NULL)
		return 22;	/* scp-like host:path has no port */
	a += 3;
	end = a + strcspn(a, "/");
	/* the last '@' of the authority ends the user part */
	for (at = NULL, p = a; p < end; p++)
		if (*p == '@')
			at = p;
	if (at != NULL)
		a = at + 1;
	if (*a == '[') {
		if ((a = memchr(a, ']', (size_t)(end - a))) == NULL)
			return 22;
		a++;
	} else {
		while (a < end && *a != ':')
			a++;
	}
	if (a >= end || *a != ':' || a + 1 >= end)
		return 22;
	port = strtol(a + 1, NULL, 10);
	return port > 0 && port < 65536 ? (int)port : 22;
}

static void
home_known_hosts(char *out, size_t cap)
{
	const char *home = getenv("HOME");
	struct passwd *pw;

	if ((home == NULL || *home == '\0') && (pw = getpwuid(getuid())) != NULL)
		home = pw->pw_dir;
	snprintf(out, cap, "%s/.ssh/known_hosts", home ? home : "");
}

/* Read one known_hosts file into hosts (plain and hashed lines) and revoked ("@revoked"
 * lines, marker removed). A missing file is empty; -1 when it cannot be read. */
static int
read_known_hosts(const char *file, LIBSSH2_KNOWNHOSTS *hosts, LIBSSH2_KNOWNHOSTS *revoked)
{
	FILE *f = fopen(file, "r");
	char *line = xmalloc(KNOWN_HOSTS_MAX_LINE), *s;

	if (f == NULL) {
		free(line);
		return errno == ENOENT ? 0 : -1;
	}
	while (fgets(line, KNOWN_HOSTS_MAX_LINE, f) != NULL) {
		s = line + strspn(line, " \t");
		if (*s == '#' || *s == '\n' || *s == '\0')
			continue;
		if (strncmp(s, "@revoked", 8) == 0 && (s[8] == ' ' || s[8] == '\t')) {
			s += 8 + strspn(s + 8, " \t");
			/* a line libssh2 cannot parse is skipped, as ssh skips it */
			(void)libssh2_knownhost_readline(revoked, s, strlen(s),
			    LIBSSH2_KNOWNHOST_FILE_OPENSSH);
			continue;
		}
		if (*s == '@')
			continue;	/* @cert-authority: host certificates are not used here */
		(void)libssh2_knownhost_readline(hosts, s, strlen(s),
		    LIBSSH2_KNOWNHOST_FILE_OPENSSH);
	}
	fclose(f);
	free(line);
	return 0;
}

static void
fingerprint_of(const unsigned char *key, size_t len, char *out, size_t cap)
{
	unsigned char sum[SHA256_DIGEST_LENGTH];
	unsigned char b64[4 * ((SHA256_DIGEST_LENGTH + 2) / 3) + 1];
	int n;

	SHA256(key, len, sum);
	n = EVP_EncodeBlock(b64, sum, (int)sizeof sum);
	while (n > 0 && b64[n - 1] == '=')	/* ssh prints it without the padding */
		b64[--n] = '\0';
	snprintf(out, cap, "SHA256:%s", (char *)b64);
}

void
hostkey_lookup(const char *known_hosts, const char *host, int port,
    const git_cert_hostkey *hk, struct hostkey_check *out)
{
	LIBSSH2_SESSION *session = NULL;
	LIBSSH2_KNOWNHOSTS *hosts = NULL, *revoked = NULL;
	const struct key_kind *kind;
	char home[PATH_MAX], *a = NULL, *b = NULL;
	int mask, rc;

	memset(out, 0, sizeof out[0]);
	out->verdict = HOSTKEY_UNREADABLE;
	home_known_hosts(home, sizeof home);
	snprintf(out->file, sizeof out->file, "%.1000s", known_hosts && *known_hosts ? known_hosts :
	    home);
	if (port == 22)
		snprintf(out->host_entry, sizeof out->host_entry, "%s", host);
	else
		snprintf(out->host_entry, sizeof out->host_entry, "[%s]:%d", host, port);
	if (!(hk->type & GIT_CERT_SSH_RAW) || hk->hostkey == NULL || hk->hostkey_len == 0 ||
	    (kind = key_kind_of(hk->raw_type)) == NULL) {
		snprintf(out->why, sizeof out->why, "%s", _("the server's host key is of a kind "
		    "that cannot be checked"));
		return;
	}
	snprintf(out->key_type, sizeof out->key_type, "%s", kind->name);
	fingerprint_of((const unsigned char *)hk->hostkey, hk->hostkey_len, out->fingerprint,
	    sizeof out->fingerprint);
	if ((session = libssh2_session_init()) == NULL ||
	    (hosts = libssh2_knownhost_init(session)) == NULL ||
	    (revoked = libssh2_knownhost_init(session)) == NULL) {
		snprintf(out->why, sizeof out->why, "%s", _("out of memory"));
		goto out;
	}
	/* Both files, once when they are one (volunteer.ini.example names the default). */
	a = realpath(out->file, NULL);
	b = realpath(home, NULL);
	if (read_known_hosts(out->file, hosts, revoked) != 0 ||
	    ((a == NULL || b == NULL || strcmp(a, b) != 0) && strcmp(out->file, home) != 0 &&
	    read_known_hosts(home, hosts, revoked) != 0)) {
		snprintf(out->why, sizeof out->why, _("cannot read the known_hosts file %.900s: "
		    "%s"), out->file, strerror(errno));
		goto out;
	}
	mask = LIBSSH2_KNOWNHOST_TYPE_PLAIN | LIBSSH2_KNOWNHOST_KEYENC_RAW | kind->libssh2;
	if (libssh2_knownhost_checkp(revoked, host, port == 22 ? -1 : port, hk->hostkey,
	    hk->hostkey_len, mask, NULL) == LIBSSH2_KNOWNHOST_CHECK_MATCH) {
		out->verdict = HOSTKEY_REVOKED;
		goto out;
	}
	rc = libssh2_knownhost_checkp(hosts, host, port == 22 ? -1 : port, hk->hostkey,
	    hk->hostkey_len, mask, NULL);
	out->verdict = rc == LIBSSH2_KNOWNHOST_CHECK_MATCH ? HOSTKEY_KNOWN :
	    rc == LIBSSH2_KNOWNHOST_CHECK_MISMATCH ? HOSTKEY_CHANGED :
	    rc == LIBSSH2_KNOWNHOST_CHECK_NOTFOUND ? HOSTKEY_UNKNOWN : HOSTKEY_UNREADABLE;
	if (out->verdict == HOSTKEY_UNREADABLE)
		snprintf(out->why, sizeof out->why, "%s", _("libssh2 could not check the host "
		    "key"));
out:
	free(a);
	free(b);
	if (revoked != NULL)
		libssh2_knownhost_free(revoked);
	if (hosts != NULL)
		libssh2_knownhost_free(hosts);
	if (session != NULL)
		libssh2_session_free(session);
}

int
hostkey_trust(const struct hostkey_check *chk, const git_cert_hostkey *hk, struct error *err)
{
	unsigned char salt[SHA_DIGEST_LENGTH], mac[SHA_DIGEST_LENGTH];
	unsigned char salt64[32], mac64[32], *key64 = NULL;
	unsigned int maclen = sizeof mac;
	char *dir = NULL, *slash, *line = NULL;
	struct stat sb;
	int fd = -1, rc = -1;
	ssize_t n;
	char last = '\n';

	if (RAND_bytes(salt, sizeof salt) != 1 ||
	    HMAC(EVP_sha1(), salt, sizeof salt, (const unsigned char *)chk->host_entry,
	    strlen(chk->host_entry), mac, &maclen) == NULL) {
		error_set(err, ERR_FAILED, "known_hosts", "%s", _("cannot hash the host name"));
		goto out;
	}
	key64 = xmalloc(4 * ((hk->hostkey_len + 2) / 3) + 1);
	EVP_EncodeBlock(salt64, salt, sizeof salt);
	EVP_EncodeBlock(mac64, mac, (int)maclen);
	EVP_EncodeBlock(key64, (const unsigned char *)hk->hostkey, (int)hk->hostkey_len);
	/* ~/.ssh as ssh makes it */
	dir = xstrdup(chk->file);
	if ((slash = strrchr(dir, '/')) != NULL && slash != dir) {
		*slash = '\0';
		if (stat(dir, &sb) != 0 && mkdir(dir, 0700) != 0) {
			error_set(err, ERR_FAILED, "known_hosts", _("cannot create %s: %s"), dir,
			    strerror(errno));
			goto out;
		}
	}
	if ((fd = open(chk->file, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0600)) < 0) {
		error_set(err, ERR_FAILED, "known_hosts", _("cannot write %s: %s"), chk->file,
		    strerror(errno));
		goto out;
	}
	if (fstat(fd, &sb) == 0 && sb.st_size > 0 && pread(fd, &last, 1, sb.st_size - 1) != 1)
		last = '\n';
	line = xasprintf("%s|1|%s|%s %s %s\n", last == '\n' ? "" : "\n", (char *)salt64,
	    (char *)mac64, chk->key_type, (char *)key64);
	n = write(fd, line, strlen(line));
	if (n != (ssize_t)strlen(line) || fsync(fd) != 0) {
		error_set(err, ERR_FAILED, "known_hosts", _("cannot write %s: %s"), chk->file,
		    strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	free(line);
	free(key64);
	free(dir);
	return rc;
}

int
host_is_address(const char *host)
{
	unsigned char buf[sizeof(struct in6_addr)];
	char tmp[INET6_ADDRSTRLEN + 2];
	size_t n = strlen(host);

	if (n >= 2 && host[0] == '[' && host[n - 1] == ']' && n - 2 < sizeof tmp) {
		memcpy(tmp, host + 1, n - 2);
		tmp[n - 2] = '\0';
		host = tmp;
	}
	return inet_pton(AF_INET, host, buf) == 1 || inet_pton(AF_INET6, host, buf) == 1;
}

int
tls_verify_cert(const void *der, size_t len, const char *host, const char *ca_file,
    char *why, size_t cap)
{
	const unsigned char *p = der;
	X509 *cert = NULL;
	X509_STORE *store = NULL;
	X509_STORE_CTX *ctx = NULL;
	X509_VERIFY_PARAM *vp;
	char bare[INET6_ADDRSTRLEN + 2];
	size_t n = strlen(host);
	int rc = -1, e, by_address = host_is_address(host);

	if (by_address && host[0] == '[' && n >= 2 && n - 2 < sizeof bare) {
		memcpy(bare, host + 1, n - 2);
		bare[n - 2] = '\0';
		host = bare;
	}
	if ((cert = d2i_X509(NULL, &p, (long)len)) == NULL) {
		snprintf(why, cap, "%s", _("the server sent a certificate that cannot be read"));
		goto out;
	}
	if ((store = X509_STORE_new()) == NULL || (ctx = X509_STORE_CTX_new()) == NULL) {
		snprintf(why, cap, "%s", _("out of memory"));
		goto out;
	}
	if (ca_file && *ca_file ? X509_STORE_load_file(store, ca_file) != 1 :
	    X509_STORE_set_default_paths(store) != 1) {
		snprintf(why, cap, _("cannot read the CA file %.150s ([sync] ca_file)"),
		    ca_file && *ca_file ? ca_file : "?");
		goto out;
	}
	if (X509_STORE_CTX_init(ctx, store, cert, NULL) != 1) {
		snprintf(why, cap, "%s", _("out of memory"));
		goto out;
	}
	vp = X509_STORE_CTX_get0_param(ctx);
	X509_VERIFY_PARAM_set_purpose(vp, X509_PURPOSE_SSL_SERVER);
	if (by_address)
		X509_VERIFY_PARAM_set1_ip_asc(vp, host);
	else
		X509_VERIFY_PARAM_set1_host(vp, host, 0);
	if (X509_verify_cert(ctx) == 1) {
		rc = 0;
		goto out;
	}
	e = X509_STORE_CTX_get_error(ctx);
	switch (e) {
	case X509_V_ERR_HOSTNAME_MISMATCH:
	case X509_V_ERR_IP_ADDRESS_MISMATCH:
		snprintf(why, cap, by_address ? _("the certificate is not for the address %.60s "
		    "(it holds no such IP address)") : _("the certificate is not for the name "
		    "%.60s"), host);
		break;
	case X509_V_ERR_CERT_HAS_EXPIRED:
		snprintf(why, cap, "%s", _("the certificate has expired (or this computer's clock "
		    "is ahead)"));
		break;
	case X509_V_ERR_CERT_NOT_YET_VALID:
		snprintf(why, cap, "%s", _("the certificate is not valid yet (or this computer's "
		    "clock is behind)"));
		break;
	case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
	case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
	case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
	case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
	case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
		if (ca_file && *ca_file)
			snprintf(why, cap, _("the certificate is not signed by the CA in %.150s "
			    "([sync] ca_file)"), ca_file);
		else
			snprintf(why, cap, "%s", _("the certificate is not signed by a CA this "
			    "computer trusts: set [sync] ca_file to the programme's CA"));
		break;
	default:
		snprintf(why, cap, _("the certificate was refused: %.100s"),
		    X509_verify_cert_error_string(e));
	}
out:
	X509_STORE_CTX_free(ctx);
	X509_STORE_free(store);
	X509_free(cert);
	return rc;
}

int
ssh_key_has_passphrase(const char *file)
{
	FILE *f = fopen(file, "r");
	char line[512], b64[512];
	unsigned char raw[400];
	size_t have = 0, len;
	int openssh = 0, found = 0, n;
	uint32_t clen;

	if (f == NULL)
		return 0;
	while (fgets(line, sizeof line, f) != NULL) {
		if (strstr(line, "ENCRYPTED") != NULL) {
			found = 1;
			break;
		}
		if (strstr(line, "BEGIN OPENSSH PRIVATE KEY") != NULL) {
			openssh = 1;
			continue;
		}
		if (!openssh || strstr(line, "-----") != NULL)
			continue;
		len = strcspn(line, "\r\n");
		if (have + len >= sizeof b64 - 1)
			break;
		memcpy(b64 + have, line, len);
		have += len;
	}
	fclose(f);
	if (found || !openssh)
		return found;
	have -= have % 4;
	b64[have] = '\0';
	n = EVP_DecodeBlock(raw, (const unsigned char *)b64, (int)have);
	/* "openssh-key-v1\0", then the cipher's name as a string (4 bytes of length) */
	if (n < 19 || memcmp(raw, "openssh-key-v1", 15) != 0)
		return 0;
	clen = (uint32_t)raw[15] << 24 | (uint32_t)raw[16] << 16 | (uint32_t)raw[17] << 8 |
	    raw[18];
	return !(clen == 4 && n >= 23 && memcmp(raw + 19, "none", 4) == 0);
}

