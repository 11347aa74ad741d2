// Every difference between the Wireshark versions we build against lives here
// (see docs in ../shared/guide: 4.0 .. 4.6), so the rest of plugin/ws is version-free.
#pragma once

#include <ws_version.h>

#define SIPCAT_WS_AT_LEAST(maj, min) \
    (WIRESHARK_VERSION_MAJOR > (maj) || (WIRESHARK_VERSION_MAJOR == (maj) && WIRESHARK_VERSION_MINOR >= (min)))

#include <epan/packet.h>
#include <epan/proto.h>

// field_info::value became a pointer in 4.2.
#if SIPCAT_WS_AT_LEAST(4, 2)
#define SIPCAT_FVALUE(fi) ((fi)->value)
#else
#define SIPCAT_FVALUE(fi) (&(fi)->value)
#endif

// Boolean preferences are bool* from 4.4 on, gboolean* before.
#if SIPCAT_WS_AT_LEAST(4, 4)
typedef bool sipcat_pref_bool;
#else
typedef gboolean sipcat_pref_bool;
#endif

// plugin_describe() and its flags exist from 4.4 on.
#if SIPCAT_WS_AT_LEAST(4, 4)
#include <wsutil/plugins.h>
#define SIPCAT_HAVE_PLUGIN_DESCRIBE 1
#else
#define SIPCAT_HAVE_PLUGIN_DESCRIBE 0
#endif

// format_text() moved to wsutil and took `const char *` in 4.2.
#if SIPCAT_WS_AT_LEAST(4, 2)
#include <wsutil/str_util.h>
#define SIPCAT_FORMAT_TEXT(scope, s, len) format_text((scope), (const char *)(s), (len))
#else
#include <epan/strutil.h>
#define SIPCAT_FORMAT_TEXT(scope, s, len) format_text((scope), (const guchar *)(s), (len))
#endif

// UAT check and update callbacks return bool from 4.2 on, gboolean before.
#if SIPCAT_WS_AT_LEAST(4, 2)
typedef bool sipcat_cb_bool;
#else
typedef gboolean sipcat_cb_bool;
#endif

// 4.6 keeps a tree node without field_info for an item nobody primed or sees,
// also at the top level, so the `sip` items (data source, byte range) exist
// only when primed or referenced, or when the tree fakes no protocols: sipcat
// marks them referenced at file open and wants them once a reader is there
// (readers.h); its own top-level item likewise needs the flag cleared. Up to 4.4 an
// item whose parent is the root is never faked, so any tree has them.
#define SIPCAT_TOP_ITEMS_NEED_PRIMING SIPCAT_WS_AT_LEAST(4, 6)

// From 4.2 on, fields named by -e and custom columns are primed into the
// tree's interesting set only (no ref_type); filters set ref_type on every version.
#define SIPCAT_PRINT_FIELDS_ONLY_IN_SET SIPCAT_WS_AT_LEAST(4, 2)
