/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * personal.h: which fields of a record are personal data, and whether the record's owner
 * consented to share them. The one answer for sync (what is pushed to the shared
 * repository), the exports and the printed summaries.
 *
 * A field is personal when the form of its kind marks it `personal = yes`, or when its
 * name starts with "contact_" (contact_name, contact_phone, contact_email, and any
 * contact_address or contact_mobile a coordinator's form adds and forgets to mark): a form
 * that forgets the flag must not make contact data leave the laptop.
 *
 * A record has consent when its "consent" field is true, as the form stores it, or a
 * string that the yes/no words (text_yes_no, core/text.h) read as yes, as a hand-written
 * file might hold it. Anything else, a missing field included, is no consent.
 *
 * Personal fields leave the laptop only with consent.
 */
#ifndef VOLUNTEER_PERSONAL_H
#define VOLUNTEER_PERSONAL_H

#include "core/record.h"

/* 1 when the field name of a record of kind is personal data (above). kind may be one no
 * form knows: then only the name decides. */
int form_field_is_personal(const char *kind, const char *name);
/* 1 when r's consent allows its personal fields to leave the laptop (above). */
int record_has_consent(const struct record *r);

#endif
