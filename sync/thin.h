/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * thin.h: a push sends each changed tree as its difference from the tree at the same path
 * on the remote, as git's own push does ("thin" packs), instead of whole.
 *
 * libgit2 1.5 sends every new object whole. A sync of one record changes the tree of the
 * day's folder (records/<kind>/YYYY/MM/DD/), which names every record of that day: at 700
 * records of one day, a push of one record sent 45 kB where git sends 2 kB, 0.37 s at
 * 1 Mbit/s; a sync that takes in a foreign commit sent two such trees (its own commit and
 * the merge). Here the push's pack (thin_push) is rewritten before it goes out: each tree
 * that thin_prepare found at a path where the remote's tip has another tree goes out as
 * a REF_DELTA against that tree when the delta is less than half its size; every other
 * object goes out as it was written. git receive-pack completes such a pack with the
 * objects it holds (index-pack --fix-thin, unpack-objects); a server that asks for no
 * thin packs ("no-thin") gets the pack unchanged, and so does a pack that cannot be read
 * here (a delta by offset, a bad checksum). A server that thin_push cannot serve gets
 * libgit2's own push, unchanged.
 * The delta is a copy of the bytes both trees begin with, the new bytes, and a
 * copy of the bytes both end with: one record added to a day is about 100 bytes.
 *
 * Only in the network child: thin_register before the first connection (it wraps
 * libgit2's git://, ssh:// and http(s):// transports), thin_prepare before a push,
 * thin_release after it. The rewrite never fails a push: an error in it sends the pack
 * as it was written.
 */
#ifndef VOLUNTEER_SYNC_THIN_H
#define VOLUNTEER_SYNC_THIN_H

#include <stddef.h>

#include <git2.h>

#include "core/strbuf.h"

/* Wrap libgit2's network transports; once per process, before any connection. */
void thin_register(void);

/* The trees of the commits from tip back to remote_tip (which the remote has), each
 * mapped to the tree at its path in remote_tip; none when remote_tip is NULL. */
void thin_prepare(git_repository *repo, const git_oid *tip, const git_oid *remote_tip);
void thin_release(void);

/*
 * Rewrite the pack pack[0..len) with the trees thin_prepare mapped sent as deltas (bases
 * read from odb) into out. 1 when out holds a new pack, 0 when the pack is to go out as it
 * is (nothing mapped, nothing smaller, or a pack this does not read).
 */
int thin_rewrite_pack(const unsigned char *pack, size_t len, git_odb *odb,
    struct strbuf *out);

/*
 * The push itself, on the connection a push connect (git_remote_connect, direction push)
 * opened last through these transports. libgit2's push finds what to send by marking
 * every tree and blob of the remote's tip as known (git_packbuilder_insert_walk): 0.3 s
 * of a 0.4 s sync of one record at 100,000 records over git://, growing with the
 * repository. Here the pack holds what the commits from commit back to old change against
 * their first parents (sync/pack.c, the cost of the change), sent thin, after the one
 * command "old commit ref" with report-status (and side-band-64k when the server has it;
 * what the server's hooks print goes to sideband). The caller has checked that the
 * connection's advertisement shows ref at old (NULL: absent). progress (may be NULL) is
 * called as each 64 kB goes out, with kilobytes sent and in all.
 *
 * 0 when the server answered (rep says how: unpack_ok, ref_seen, refused with status);
 * -1 when the push failed on the way (a libgit2 error is set; rep->sent says whether
 * anything went out); 1 when this connection cannot be used so (not one of these
 * transports, no report-status): the caller pushes with libgit2.
 */
struct thin_report {
	int sent;		/* the command went out */
	int unpack_ok;		/* "unpack ok" */
	int ref_seen;		/* "ok REF" or "ng REF ..." */
	int refused;		/* "ng REF ...", or the pack was not unpacked */
	char status[300];	/* the reason of "ng", or "unpack ERROR" */
};

int thin_push(git_repository *repo, const git_oid *commit, const git_oid *old, const char *ref,
    int (*sideband)(const char *, int, void *), git_push_transfer_progress_cb progress,
    void *payload, struct thin_report *rep);

/*
 * The fetch of want on the connection a fetch connect opened last through these
 * transports, in one turn: libgit2 1.5 sends its "have" lines in batches and waits for the
 * server's answer to each before it says "done" (two turns where one will do: the laptop
 * knows which commits of the remote it holds). Here "want", the haves given (the remote
 * tips this repository holds), "done" go at once; the pack that comes back (side-band-64k)
 * goes through libgit2's indexer, which completes a thin pack from this repository,
 * checks every object, and writes the pack and its index under objects/pack (a pack
 * without its index is never read: a kill leaves nothing half there).
 *
 * 0 when want is in the repository; -1 when the fetch failed (a libgit2 error is set);
 * 1 when this connection cannot be used so (not one of these transports, no
 * side-band-64k, no have to give): the caller fetches with libgit2.
 */
int thin_fetch(git_repository *repo, const git_oid *want, const git_oid *const *haves,
    size_t nhaves, git_indexer_progress_cb progress, void *payload);

#endif
