#include "sip_reader.h"

#include <cstring>
#include <initializer_list>

#include <epan/wmem_scopes.h>

namespace sipcat::ws {

void SipFieldIds::lookup()
{
    proto_sip = proto_get_id_by_filter_name("sip");
    status_line = proto_registrar_get_id_byname("sip.Status-Line");
    status_code = proto_registrar_get_id_byname("sip.Status-Code");
    cseq_method = proto_registrar_get_id_byname("sip.CSeq.method");
}

GArray *SipFieldIds::wanted() const
{
    GArray *a = g_array_new(FALSE, FALSE, (guint)sizeof(int));
    for (int id : {proto_sip, status_line, status_code, cseq_method})
        if (id > 0)
            g_array_append_val(a, id);
    return a;
}

namespace {

bool contains(const field_info *outer, const field_info *inner)
{
    return outer->ds_tvb == inner->ds_tvb && inner->start >= outer->start &&
           inner->start + inner->length <= outer->start + outer->length;
}

GPtrArray *fields(proto_tree *tree, int id)
{
    return id > 0 ? proto_get_finfo_ptr_array(tree, id) : nullptr;
}

// The first field of `arr` inside [from, to) of the data source `ds`.
field_info *first_within(GPtrArray *arr, tvbuff_t *ds, gint from, gint to)
{
    if (!arr)
        return nullptr;
    for (guint i = 0; i < arr->len; ++i) {
        field_info *fi = static_cast<field_info *>(g_ptr_array_index(arr, i));
        if (fi->ds_tvb == ds && fi->start >= from && fi->start < to)
            return fi;
    }
    return nullptr;
}

// One string per method for the whole file, so records stay small.
const char *intern_method(const char *m)
{
    static wmem_map_t *interned = nullptr;
    if (!interned)
        interned = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), g_str_hash, g_str_equal);
    const char *hit = static_cast<const char *>(wmem_map_lookup(interned, m));
    if (!hit) {
        char *copy = wmem_strdup(wmem_file_scope(), m);
        wmem_map_insert(interned, copy, copy);
        hit = copy;
    }
    return hit;
}

}  // namespace

FrameRecord *collect_responses(proto_tree *tree, const SipFieldIds &ids, wmem_allocator_t *scope)
{
    if (!tree)
        return nullptr;
    GPtrArray *lines = fields(tree, ids.status_line);
    if (!lines || lines->len == 0)
        return nullptr;
    GPtrArray *messages = fields(tree, ids.proto_sip);
    GPtrArray *codes = fields(tree, ids.status_code);
    GPtrArray *methods = fields(tree, ids.cseq_method);

    const guint n = lines->len;
    auto *rec = static_cast<FrameRecord *>(
        wmem_alloc0(scope, sizeof(FrameRecord) + (n - 1) * sizeof(ResponseRecord)));
    rec->count = n;
    for (guint i = 0; i < n; ++i) {
        field_info *line = static_cast<field_info *>(g_ptr_array_index(lines, i));
        // The message is the SIP item that holds this status line; without one,
        // the bytes up to the next status line in the same data source.
        gint end = G_MAXINT;
        for (guint k = i + 1; k < n; ++k) {
            field_info *next = static_cast<field_info *>(g_ptr_array_index(lines, k));
            if (next->ds_tvb == line->ds_tvb && next->start > line->start) {
                end = next->start;
                break;
            }
        }
        gint begin = line->start;
        if (messages) {
            for (guint k = 0; k < messages->len; ++k) {
                field_info *m = static_cast<field_info *>(g_ptr_array_index(messages, k));
                if (contains(m, line) && m->length > 0) {
                    begin = m->start;
                    end = m->start + m->length;
                    break;
                }
            }
        }
        ResponseRecord &r = rec->responses[i];
        field_info *code = first_within(codes, line->ds_tvb, line->start, line->start + line->length);
        if (code) {
            r.code = fvalue_get_uinteger(SIPCAT_FVALUE(code));
            r.kind = (r.code >= 100 && r.code <= 699) ? ResponseKind::Ok : ResponseKind::OutOfRange;
        } else {
            r.kind = ResponseKind::Malformed;
            const char *text = fvalue_get_string(SIPCAT_FVALUE(line));
            // Shown in an expert text: printable, bounded, valid UTF-8.
            r.status_line = SIPCAT_FORMAT_TEXT(scope, text ? text : "", text ? MIN(strlen(text), 120) : 0);
        }
        field_info *method = first_within(methods, line->ds_tvb, begin, end);
        if (method) {
            const char *m = fvalue_get_string(SIPCAT_FVALUE(method));
            if (m && *m)
                r.method = intern_method(m);
        }
    }
    return rec;
}

}  // namespace sipcat::ws
