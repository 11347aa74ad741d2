#include "overrides_uat.h"

#include <string>
#include <vector>

#include <epan/uat.h>
#include <wsutil/report_message.h>

#include "catalogue.h"
#include "overrides.h"
#include "sipcat_plugin.h"

namespace sipcat::ws {

namespace {

enum Column { kCode, kMethod, kLang, kExplanation, kRemedy, kSeverity, kColumns };

// One row as Wireshark keeps it: the cells as typed (C strings owned by glib).
struct OverrideRecord {
    char *cells[kColumns];
};

OverrideRecord *records = nullptr;
guint record_count = 0;
Overrides the_overrides;
// The table is applied again after every `-o uat:` row and every edit; each
// problem is said once per load (Wireshark's reset callback starts a load).
ProblemLog problem_log;

const int column_index[kColumns] = {kCode, kMethod, kLang, kExplanation, kRemedy, kSeverity};

int column_of(const void *data) { return *static_cast<const int *>(data); }

OverrideRow to_row(const OverrideRecord &r)
{
    auto cell = [&](int c) { return r.cells[c] ? std::string(r.cells[c]) : std::string(); };
    return OverrideRow{cell(kCode), cell(kMethod), cell(kLang), cell(kExplanation), cell(kRemedy), cell(kSeverity)};
}

void set_cb(void *rec, const char *buf, unsigned len, const void *set_data, const void *)
{
    char *&cell = static_cast<OverrideRecord *>(rec)->cells[column_of(set_data)];
    g_free(cell);
    cell = g_strndup(buf, len);
}

void tostr_cb(void *rec, char **out, unsigned *out_len, const void *tostr_data, const void *)
{
    const char *cell = static_cast<OverrideRecord *>(rec)->cells[column_of(tostr_data)];
    *out = g_strdup(cell ? cell : "");
    *out_len = static_cast<unsigned>(strlen(*out));
}

void *copy_cb(void *dest, const void *src, size_t)
{
    auto *d = static_cast<OverrideRecord *>(dest);
    const auto *s = static_cast<const OverrideRecord *>(src);
    for (int c = 0; c < kColumns; ++c)
        d->cells[c] = g_strdup(s->cells[c]);
    return dest;
}

void free_cb(void *rec)
{
    auto *r = static_cast<OverrideRecord *>(rec);
    for (int c = 0; c < kColumns; ++c) {
        g_free(r->cells[c]);
        r->cells[c] = nullptr;
    }
}

std::vector<std::string> languages()
{
    return catalogue() ? catalogue()->languages() : std::vector<std::string>{Catalogue::kDefaultLang};
}

// Rows are checked when the table is applied, not on entry: a failing check or
// update callback makes Wireshark drop the whole file (all rows, also the good
// ones), so every row is taken in and the bad ones are refused here, by name.
// Wireshark shows report_failure() as a dialog; tshark prints it on stderr.
void post_update_cb()
{
    std::vector<OverrideRow> rows;
    rows.reserve(record_count);
    for (guint i = 0; i < record_count; ++i)
        rows.push_back(to_row(records[i]));
    for (const std::string &p : problem_log.to_report(the_overrides.set_rows(rows, languages())))
        report_failure("sipcat_overrides: %s", p.c_str());
}

void reset_cb()
{
    the_overrides.clear();
    problem_log.reset();
}

}  // namespace

const Overrides &overrides() { return the_overrides; }

void register_overrides_uat(module_t *prefs)
{
#define SIPCAT_COLUMN(col, name, title, desc)                                                              \
    {                                                                                                      \
        name, title, PT_TXTMOD_STRING, {uat_fld_chk_str, set_cb, tostr_cb},                                \
            {&column_index[col], &column_index[col], &column_index[col]}, nullptr, desc, FLDFILL           \
    }
    static uat_field_t fields[] = {
        SIPCAT_COLUMN(kCode, "code", "Code", "Status code, 100..699 (a code the registry lacks is added)"),
        SIPCAT_COLUMN(kMethod, "method", "Method", "Request method (CSeq), e.g. REGISTER; empty: any method"),
        SIPCAT_COLUMN(kLang, "language", "Language", "Language of the texts (en, de, ...); empty: all languages"),
        SIPCAT_COLUMN(kExplanation, "explanation", "Explanation", "Replaces the explanation; empty: keep the built-in one"),
        SIPCAT_COLUMN(kRemedy, "remedy", "Remedy", "Replaces the remedy; empty: keep the built-in one"),
        SIPCAT_COLUMN(kSeverity, "severity", "Severity",
                      "Severity of the expert item: chat, note, warning, error or off; empty: by class"),
        UAT_END_FIELDS,
    };
#undef SIPCAT_COLUMN
    uat_t *uat = uat_new("SIP response overrides", sizeof(OverrideRecord), "sipcat_overrides", TRUE, &records,
                         &record_count, UAT_AFFECTS_DISSECTION, nullptr, copy_cb, nullptr, free_cb,
                         post_update_cb, reset_cb, fields);
    prefs_register_uat_preference(prefs, "overrides", "Response text overrides",
                                  "Your own explanations, remedies and severities per code, method and language; "
                                  "they take precedence over the built-in catalogue",
                                  uat);
}

}  // namespace sipcat::ws
