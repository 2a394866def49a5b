/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * summary_strings.c: the summary's fixed words in both languages, in one table.
 *
 * Why not gettext: the summary is written in the business's language, which may differ
 * from the session's (`--lang es` from an English terminal), and switching gettext's
 * locale in the middle of a run would change every other message too.
 */
#include <string.h>

#include "core/i18n.h"
#include "report/summary.h"

static const struct {
	const char *en, *es;
} strings[SS__COUNT] = {
	[SS_VISIT_TITLE] = { "Visit summary", "Resumen de la visita" },
	[SS_WORKSHOP_TITLE] = { "Workshop attendance sheet", "Hoja de asistencia del taller" },
	[SS_VOLUNTEER] = { "Volunteer", "Persona voluntaria" },
	[SS_CONTACT] = { "Contact", "Contacto" },
	[SS_ATTENDANCE] = { "Attendance", "Asistencia" },
	[SS_TASKS] = { "Website and social-media tasks", "Tareas de web y redes sociales" },
	[SS_NO_TASKS] = { "No tasks recorded yet.", "Aún no hay tareas registradas." },
	[SS_PAGE_OF] = { "Page %d of %d", "Página %d de %d" },
	[SS_FOLLOW_UP_ON] = { "Next contact", "Próximo contacto" },
	[SS_DUE] = { "due", "fecha límite" },
	[SS_NEXT_STEPS] = { "Next steps", "Próximos pasos" },
	[SS_QUESTIONS] = { "Questions? Contact the programme:",
	    "¿Dudas? Contacte con el programa:" },
	[SS_NOTES] = { "Notes", "Notas" },
	[SS_SHEET_TITLE] = { "Attendance sheet", "Hoja de firmas" },
	[SS_COL_NUMBER] = { "No.", "N.º" },
	[SS_COL_NAME] = { "Name and surname", "Nombre y apellidos" },
	[SS_COL_AGE] = { "65+", "65+" },
	[SS_COL_SIGNATURE] = { "Signature", "Firma" },
	[SS_PROGRAMME] = { "Programme", "Programa" },
};

const char *
summary_str(enum summary_string id, const char *lang)
{
	int es = i18n_is_spanish(lang);

	if ((unsigned)id >= SS__COUNT || strings[id].en == NULL)
		return "";
	return es ? strings[id].es : strings[id].en;
}
