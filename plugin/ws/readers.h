// Who reads what sipcat would add, and so what it must compute: the one place
// that decides. sipcat makes Wireshark build no tree and no field for it, and
// returns at once, unless something in the run can read its output.
//
// Signals, all checked in Wireshark 4.0 and 4.6 (4.2/4.4 in between):
//
// At file open (the init routine runs in cf_open(), before tshark and the GUI
// decide once per file whether to build trees; taps given with -z are
// registered before that):
//  - sipcat disabled (--disable-protocol, Enabled Protocols): no wanted field.
//    4.0 keeps a disabled post-dissector's wanted fields, so they are withdrawn
//    here (as TRANSUM's init routine does).
//  - the program is not tshark (g_get_prgname(), set by ws_log_init() from the
//    program's own name, not from the command line): the GUI, sharkd, ... keep
//    one wanted field, the `sip` protocol, so that the first pass has a tree and
//    computes every record that a later click shows. Unknown names count as GUI.
//  - otherwise none: tshark builds a tree only if something else asks for one.
//  - Wireshark 4.6 (compat.h SIPCAT_TOP_ITEMS_NEED_PRIMING: 4.6 gives an
//    unprimed top-level item no field_info, so an unprimed tree holds no bytes):
//    no wanted field either (it would make tshark build a tree in every run),
//    but the `sip` and `data` protocols are marked referenced (ref_type
//    DIRECT), so that the first packets of a run that has a tree anyway get the
//    real items. The mark stays until a tree holds such an item: the tree's
//    reset after that packet clears it (free_GPtrArray_value in proto.c).
//    Nothing else clears it between files; each file open sets it again.
//
// tshark starts the taps of -z after the file is opened (so after the init
// routine) and before it decides on trees:
//  - -z sipcat,tree: the statistics tree's init callback declares the wanted
//    field (`sip`), so that the first pass has a tree.
//  - -z expert without a filter: no signal reaches sipcat before the decision,
//    and that run has no tree, so sipcat cannot add its expert items; it says
//    so once on stderr. With any filter (-z expert,sip) there is a tree.
//
// Per packet (the tree decision is made; filters mark the fields they name
// when the first packet is primed):
//  - no tree: nothing can be read, nothing is computed (a tree-less pass with
//    SIP can be followed by one with a tree, e.g. tshark -2 -V; frames that
//    arrive in order are then computed there). A frame computed before (the
//    GUI computes on its first pass) gives the expert tap its items from the
//    kept record: the GUI's Expert Information dialog retaps without a tree.
//  - a visible tree (-V, PDML, JSON, the GUI's details): fields and experts.
//  - sipcat or one of its fields referenced (filter, -e, custom column, colour
//    rule): fields and experts. 4.2+ marks -e and column fields only in the
//    tree's interesting set, which is looked at too.
//  - experts for a filter, -e or column naming an expert field: `_ws.expert*`
//    or one of sipcat's expert items (sipcat.response, ..., whose parent is
//    _ws.expert; not for other sipcat fields), the expert tap, an Expert Info
//    column in the packet list, and in the GUI for any packet list (its status
//    bar counts expert items).
//  - the sipcat tap: the record only.
//  - which fields are read: those a filter names (ref_type set by priming,
//    on every version), those of -e and columns (4.0: ref_type too; 4.2+: only
//    in the tree's interesting set), or all of them in a visible tree.
//  - tshark (not the GUI) primes the same fields for every packet of a pass:
//    its filters, columns, colour rules and -e fields are fixed for the run. So
//    the answer is kept per pass (same tree, first or later pass, same column
//    info; a new file forgets it); the GUI changes filters between
//    redissections and is asked every packet.
//  - before all this: a frame without a `sip` or `data` item at the top of its
//    tree gives a first pass nothing to read (collect reads only those), and
//    sipcat returns at once: a loop over the root's children, no call (on a
//    first pass the items are real whenever the frame has them: up to 4.4 a
//    top-level item is never faked, 4.6 primes or marks them, below). A later
//    pass (tshark -2, the GUI) may show a record kept from the first, so it
//    asks the frame's layers instead (pinfo->layers, on every version).
//  - tshark, nothing reads (no tree, or one no reader looks at; no sipcat or
//    expert tap): sipcat switches itself off for the rest of the file (its
//    own flag, is_off(): the first thing each call reads) and no state grows.
//    Only in a pass that is tshark's last over the file: one that runs taps
//    (a single pass, or the second of -2; the first of -2 does not, and its
//    records serve the second). The signal: sipcat queues a packet on
//    a private tap ("sipcat.pass", one listener, a dissector helper so that
//    tshark neither dissects nor builds trees for it) until one comes back;
//    the next packet decides, and the listener goes. The next file open turns
//    sipcat on again (never when the user disabled it). Not in the GUI.
//    The same signal, when readers exist, puts each frame's record in the
//    packet's memory instead of the file's (the first frame's stays there).
//  - the post-dissector's handle has no protocol (create_dissector_handle with
//    -1): call_dissector_work then checks no enabled state and adds and removes no
//    layer (4.0 to 4.6). sipcat keeps the enabled state itself: the init
//    routine reads it at every file open, and the GUI re-dissects with a new
//    epan, so with the init routines again, when Enabled Protocols changes
//    (file.c, rescan_packets). On 4.0 this took Wireshark's side of the call
//    on a non-SIP frame from 206 to 130 instructions (the helper protocol's
//    enabled check went through its parent, 59 of them). have_postdissector()
//    now counts sipcat also when it is disabled, which changes nothing:
//    Wireshark's own post-dissectors make it true without sipcat too.
//  - Wireshark 4.6, the first packet with SIP, a tree and a reader (not
//    before: priming costs every frame after it): sipcat declares
//    the `sip` and `data` items wanted then. tshark has decided on trees
//    already, so this forces none; tshark primes them in every later packet of
//    a first pass. A later pass (tshark -2) primes no wanted field: there
//    sipcat clears the tree's fake_protocols flag, so that protocol items are
//    real from then on (the flag outlives the reset between packets; the mark
//    above covers the first packets). sipcat's own item is made with the flag
//    cleared for that one call (add_own_item): 4.6 would fake it, and the
//    expert items hang on it. Cost: 4.6 fakes an item only below a hidden or
//    faked parent, so a real `sip` item brings the SIP dissector's whole
//    subtree (reader modes about 1.7x on 4.6, see the package report).
//    A second pass whose first pass built a tree without a reader (tshark -2
//    -R sip -e sipcat.code) gets the mark again when the first pass ends
//    (tshark calls the post-sequential routines there), so its first SIP frame
//    has real `sip` items too.
#pragma once

#include "compat.h"

namespace sipcat::ws {

struct Readers {
    bool fields = false;   // someone reads sipcat.* fields
    bool experts = false;  // someone reads expert items
    bool tap = false;      // the sipcat tap listens
    bool every_field = false;  // a visible tree: each field is seen
    bool titles = false;   // sipcat's own item's text is seen: a visible tree, or `sipcat` itself named
    guint64 named = 0;     // a bit per sipcat field that a filter, column or -e names
    bool any() const { return fields || experts || tap; }
    bool reads(int hf) const;  // someone reads this sipcat field
};

// At registration: sipcat's field ids and its expert items' field ids.
void set_own_ids(const int *fields, size_t field_count, const int *experts, size_t expert_count);

// The frame holds a `sip` or `data` layer: nothing else can give sipcat a message.
inline bool carries_sip(const packet_info *pinfo, int proto_sip, int proto_data)
{
    // Layers hold protocol ids; wmem's own loop is the cheapest walk public API gives.
    return pinfo->layers && ((proto_sip > 0 && wmem_list_find(pinfo->layers, GINT_TO_POINTER(proto_sip))) ||
                             (proto_data > 0 && wmem_list_find(pinfo->layers, GINT_TO_POINTER(proto_data))));
}

void set_postdissector_handle(dissector_handle_t handle);  // at hand-off
// At every file open: declares or withdraws the wanted field.
void declare_wanted_fields();
// At registration: the private tap of the stand-down.
void register_pass_probe();
// After a sequential read (tshark -2's first pass, the GUI's file read).
void sequential_read_done();
// Every packet while this file's decision is open (tshark): true when sipcat
// has just switched itself off because nothing in this, the last, pass reads it.
bool stand_down_if_unread(proto_tree *tree, packet_info *pinfo);
// This file's stand-down decision is still open (stand_down_if_unread has work to do).
namespace detail {
extern bool probing;  // owned by readers.cpp; read inline by every frame's first lines
extern bool off;      // owned by readers.cpp: see is_off()
}
inline bool deciding() { return detail::probing; }
// sipcat is disabled (found at file open) or stood down for this file: the
// handle has no protocol (readers.h, above), so Wireshark calls it anyway.
inline bool is_off() { return detail::off; }
// tshark, in a pass that runs taps (its last over the file, see above): no
// frame is dissected again, so nothing per frame needs to outlive its packet.
bool in_last_pass();
// A sipcat statistics tree starts (tshark starts -z taps after opening the
// file, before deciding on trees): it reads records, so the first pass needs a tree.
void stats_tree_starting();
// Once per file, when a frame holds SIP but no tree exists while the expert
// tap listens (tshark -z expert without a filter): say why sipcat adds nothing.
void note_expert_tap_without_tree(packet_info *pinfo);

// The program keeps the first pass's records for later passes it cannot
// predict (the GUI): compute whenever a tree exists.
bool computes_always();

Readers readers(proto_tree *tree, packet_info *pinfo);
// A frame with SIP and a reader of sipcat: on 4.6, the `sip` and `data` items
// of this and later packets must be real (see above); nothing on 4.0.
void keep_sip_items_real(proto_tree *tree, packet_info *pinfo);

// sipcat's own item at the top of the tree, real also where 4.6 would fake it.
proto_item *add_own_item(proto_tree *tree, int proto, tvbuff_t *tvb);

}  // namespace sipcat::ws
