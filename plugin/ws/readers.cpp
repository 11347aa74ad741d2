#include "readers.h"

#include <cstring>

#include <epan/column-info.h>
#include <epan/tap.h>
#include <wsutil/wslog.h>

#include "sipcat_plugin.h"
#include "stats.h"

namespace sipcat::ws {

namespace detail {
bool probing = false;  // this file's stand-down decision is still to be made (the probe listens)
bool off = false;      // sipcat disabled (at file open), or stood down for this file
}

namespace {

using detail::probing;

bool gui_like = true;
dissector_handle_t the_handle = nullptr;
bool told_expert_tap = false;

bool is_tshark()
{
    const char *name = g_get_prgname();
    return name && std::strcmp(name, "tshark") == 0;
}

// find_tap_id() gives 0 for a tap not (yet) registered: looked up again once per file.
bool expert_tap_looked_up = false;

bool expert_tap_listening()
{
    if (ids.expert_tap <= 0 && !expert_tap_looked_up) {
        ids.expert_tap = find_tap_id("expert");
        expert_tap_looked_up = true;
    }
    return ids.expert_tap > 0 && have_tap_listener(ids.expert_tap);
}

bool expert_column(const column_info *cinfo)
{
    if (!cinfo)
        return false;
    for (int i = 0; i < cinfo->num_cols; ++i)
        if (cinfo->columns[i].col_fmt == COL_EXPERT)
            return true;
    return false;
}

// sipcat's fields and expert items: each kind registered in one call, so the
// ids of each lie in a range of fewer than 64 (a bit each). A filter on an
// expert item marks its parent, which is _ws.expert on 4.0 but sipcat on 4.6,
// so they are known by id.
struct IdSet {
    int first = -1;
    guint64 bits = 0;
    void set(const int *hf, size_t n)
    {
        first = -1;
        bits = 0;
        for (size_t i = 0; i < n; ++i)
            if (hf[i] > 0 && (first < 0 || hf[i] < first))
                first = hf[i];
        for (size_t i = 0; i < n; ++i)
            if (hf[i] > 0) {
                g_assert(hf[i] - first < 64);
                bits |= guint64{1} << (hf[i] - first);
            }
    }
    template <class F> void each(F &&f) const
    {
        for (int b = 0; b < 64; ++b)
            if ((bits >> b) & 1u)
                f(first + b, b);
    }
    int bit(int hf) const { return first >= 0 && hf >= first && hf - first < 64 ? hf - first : -1; }
    bool has(int hf) const
    {
        const int b = bit(hf);
        return b >= 0 && ((bits >> b) & 1u);
    }
} own_fields, own_experts;

// The last answer of readers() in tshark, for the pass it was given in (readers.h).
struct Kept {
    bool valid = false;
    const proto_tree *tree = nullptr;
    bool visited = false;
    const column_info *cinfo = nullptr;
    Readers r;
} kept;

void declare(bool want)
{
    GArray *wanted = nullptr;
    if (want) {
        wanted = g_array_new(FALSE, FALSE, (guint)sizeof(int));
        g_array_append_val(wanted, ids.sip.proto_sip);
        if (SIPCAT_TOP_ITEMS_NEED_PRIMING && ids.sip.proto_data > 0)
            g_array_append_val(wanted, ids.sip.proto_data);  // a refused status line is there
    }
    set_postdissector_wanted_hfids(the_handle, wanted);
}

// 4.6: wanted fields declared at the first packet with a tree and a reader.
bool declared_late = false;

// The stand-down (readers.h): a private tap whose one listener learns that a
// pass runs taps, so is tshark's last pass over the file.
int pass_tap = -1;
bool last_pass_seen = false;  // the probe came back: this pass runs taps

tap_packet_status pass_seen(void *, packet_info *, epan_dissect_t *, const void *, tap_flags_t)
{
    last_pass_seen = true;
    return TAP_PACKET_DONT_REDRAW;
}

void stop_probing()
{
    if (probing) {
        remove_tap_listener(&pass_tap);
        probing = false;
    }
}

// At file open: a new stand-down decision for this file (tshark only; the GUI
// re-dissects when told anything).
void start_probing(bool enabled)
{
    stop_probing();
    last_pass_seen = false;
    if (gui_like || !enabled || pass_tap < 0)
        return;
    // A dissector helper: the listener makes tshark neither dissect nor build trees.
    GString *error = register_tap_listener("sipcat.pass", &pass_tap, nullptr, TL_IS_DISSECTOR_HELPER, nullptr,
                                           pass_seen, nullptr, nullptr);
    if (error) {
        ws_warning("sipcat: cannot tell tshark's passes apart (%s); it stays on for the whole file", error->str);
        g_string_free(error, TRUE);
        return;
    }
    probing = true;
}

// A protocol referenced directly is never faked; the mark stays until a tree
// holds the item (the tree's reset clears the marks of the items it held), so
// it covers the first packets, before wanted fields declared there are primed.
void mark_until_first_item(int proto)
{
    if (proto <= 0)
        return;
    header_field_info *hfinfo = proto_registrar_get_nth(static_cast<guint>(proto));
    if (hfinfo->ref_type == HF_REF_TYPE_NONE)
        hfinfo->ref_type = HF_REF_TYPE_DIRECT;
}

// Both items that can hold a SIP message (`data`: a status line the SIP dissector refused).
void mark_sip_items()
{
    mark_until_first_item(ids.sip.proto_sip);
    mark_until_first_item(ids.sip.proto_data);
}

bool sipcat_enabled() { return proto_is_protocol_enabled(find_protocol_by_id(ids.proto)); }

void want(bool stats_starting)
{
    kept.valid = false;
    if (!the_handle)
        return;
    gui_like = !is_tshark();
    expert_tap_looked_up = false;
    if (ids.proto_expert <= 0)  // _ws.expert is registered by epan, maybe after the hand-offs
        ids.proto_expert = proto_get_id_by_filter_name("_ws.expert");
    const bool enabled = sipcat_enabled();
    const bool want = enabled && ids.sip.proto_sip > 0 &&
                      (gui_like || stats_starting || stats_tap_listening() || expert_tap_listening());
    declare(want);
    declared_late = want;
    // 4.6: no wanted field, so no tree forced; the first tree still gets real top items.
    if (SIPCAT_TOP_ITEMS_NEED_PRIMING && enabled && !want)
        mark_sip_items();
    ws_debug("%s: %s, program %s, sipcat tap %d, expert tap %d: %s",
             stats_starting ? "statistics tree starts" : "file open", enabled ? "enabled" : "disabled",
             g_get_prgname() ? g_get_prgname() : "(unknown)", stats_tap_listening(), expert_tap_listening(),
             want ? "wants the sip item" : "wants no field");
}

}  // namespace

void set_postdissector_handle(dissector_handle_t handle) { the_handle = handle; }

void declare_wanted_fields()
{
    told_expert_tap = false;
    want(false);
    detail::off = !sipcat_enabled();  // also after Enabled Protocols: the GUI re-dissects with a new epan
    start_probing(!detail::off);
}

bool in_last_pass() { return last_pass_seen && !gui_like; }

void register_pass_probe() { pass_tap = register_tap("sipcat.pass"); }

void sequential_read_done()
{
    // 4.6: tshark -2's second pass primes no wanted field, and its first packet
    // is dissected before readers() can clear fake_protocols: the mark gives
    // that packet its real `sip` items (readers.h).
    if (SIPCAT_TOP_ITEMS_NEED_PRIMING && sipcat_enabled())
        mark_sip_items();
}

bool stand_down_if_unread(proto_tree *tree, packet_info *pinfo)
{
    if (!probing)
        return false;
    if (!last_pass_seen) {
        tap_queue_packet(pass_tap, pinfo, nullptr);  // returns at once in a pass without taps
        return false;
    }
    stop_probing();  // not from the tap callback: removing a listener there frees what the tap loop reads next
    if (readers(tree, pinfo).any() || expert_tap_listening())
        return false;
    detail::off = true;
    ws_info("sipcat: nothing in this run reads sipcat; it is off for the rest of the file (from frame %u)",
            pinfo->num);
    return true;
}

void stats_tree_starting() { want(true); }

void note_expert_tap_without_tree(packet_info *pinfo)
{
    if (told_expert_tap || !expert_tap_listening() || !proto_is_frame_protocol(pinfo->layers, "sip"))
        return;
    told_expert_tap = true;
    ws_warning("sipcat: this run builds no protocol tree (-z expert without a filter), so sipcat adds no "
               "expert items; give the tap a filter, e.g. -z expert,sip");
}

bool computes_always() { return gui_like; }

proto_item *add_own_item(proto_tree *tree, int proto, tvbuff_t *tvb)
{
    if (!SIPCAT_TOP_ITEMS_NEED_PRIMING || !tree)
        return proto_tree_add_item(tree, proto, tvb, 0, 0, ENC_NA);
    // 4.6 would fake it at the top level; the expert items hang on it.
    const bool fake = PTREE_DATA(tree)->fake_protocols;
    PTREE_DATA(tree)->fake_protocols = false;
    proto_item *ti = proto_tree_add_item(tree, proto, tvb, 0, 0, ENC_NA);
    PTREE_DATA(tree)->fake_protocols = fake;
    return ti;
}

bool Readers::reads(int hf) const
{
    if (every_field)
        return true;
    const int b = own_fields.bit(hf);
    return b >= 0 && ((named >> b) & 1u);
}

void set_own_ids(const int *fields, size_t field_count, const int *experts, size_t expert_count)
{
    own_fields.set(fields, field_count);
    own_experts.set(experts, expert_count);
}

namespace {

bool referenced(int hf) { return hf > 0 && proto_registrar_get_nth(static_cast<guint>(hf))->ref_type != HF_REF_TYPE_NONE; }

// What a tree that is not visible reads: fields a filter names have ref_type
// set (and their protocol, indirectly); on 4.2+ fields of -e and columns are
// only in the tree's interesting set.
void named_fields(proto_tree *tree, packet_info *pinfo, Readers &r)
{
    // The GUI's status bar counts expert items of every packet, on a first pass
    // that has no columns (4.0: the button stayed grey with pinfo->cinfo as the test).
    r.experts = gui_like || expert_tap_listening() || expert_column(pinfo->cinfo) || referenced(ids.proto_expert);
    r.fields = referenced(ids.proto);
    // Named itself (a column or -e shows the item's text; a filter on one of
    // its fields marks it only indirectly; a filter `sipcat` counts too).
    const int proto_ref = ids.proto > 0 ? proto_registrar_get_nth(static_cast<guint>(ids.proto))->ref_type : 0;
    r.titles = proto_ref != HF_REF_TYPE_NONE && proto_ref != HF_REF_TYPE_INDIRECT;
    own_fields.each([&](int hf, int bit) {
        if (referenced(hf))
            r.named |= guint64{1} << bit;
    });
    r.fields = r.fields || r.named;
    own_experts.each([&](int hf, int) { r.experts = r.experts || referenced(hf); });
    GHashTable *set = SIPCAT_PRINT_FIELDS_ONLY_IN_SET ? PTREE_DATA(tree)->interesting_hfids : nullptr;
    if (!set)
        return;
    GHashTableIter it;
    gpointer key;
    g_hash_table_iter_init(&it, set);
    while (g_hash_table_iter_next(&it, &key, nullptr)) {
        const int hf = GPOINTER_TO_INT(key);
        if (own_fields.has(hf)) {
            r.fields = true;
            r.named |= guint64{1} << own_fields.bit(hf);
        } else if (hf == ids.proto) {
            r.fields = r.titles = true;
        } else if (own_experts.has(hf) || hf == ids.proto_expert) {
            r.experts = true;
        }
    }
}

}  // namespace

Readers readers(proto_tree *tree, packet_info *pinfo)
{

    Readers r;
    r.tap = stats_tap_listening();
    // No tree, yet the expert tap listens: the GUI's Expert Information dialog
    // retaps without a tree. Items added from the frame's kept record reach it.
    if (!tree) {
        r.experts = expert_tap_listening();
        return r;
    }
    if (PTREE_DATA(tree)->visible) {
        r.fields = r.experts = r.every_field = r.titles = true;
    } else {
        // tshark: the same answer for every packet of a pass (readers.h).
        const bool visited = pinfo->fd->visited;
        if (!gui_like && kept.valid && kept.tree == tree && kept.visited == visited && kept.cinfo == pinfo->cinfo) {
            r = kept.r;
        } else {
            named_fields(tree, pinfo, r);
            kept.valid = !gui_like;
            kept.tree = tree;
            kept.visited = visited;
            kept.cinfo = pinfo->cinfo;
            kept.r = r;
        }
    }
    r.tap = stats_tap_listening();
    return r;
}

void keep_sip_items_real(proto_tree *tree, packet_info *pinfo)
{
    if (!SIPCAT_TOP_ITEMS_NEED_PRIMING || !tree)
        return;
    // 4.6: after tshark's tree decision, so no tree is forced: primed from
    // the next packet on, but on a first pass only. Not before a frame with
    // SIP: priming costs every later frame (about 60 instructions on 4.6.9).
    if (!declared_late) {
        declared_late = true;
        declare(true);
    }
    // A later pass (tshark -2) primes no wanted field: protocol items stay
    // real in this tree from here on (the flag outlives the reset between
    // packets). Costly (every protocol's subtree), so only there.
    if (pinfo->fd->visited)
        PTREE_DATA(tree)->fake_protocols = false;
}

}  // namespace sipcat::ws
