// The symbols Wireshark's plugin loader looks for. Kept alone so that a new
// loader API (upstream after 4.6) is a change to this file only.
#include "sipcat_plugin.h"
#include "stats.h"

#include <epan/tap.h>

#ifndef SIPCAT_VERSION
#define SIPCAT_VERSION "0.0.0"
#endif

// Declared extern first: a namespace-scope const in C++ has internal linkage
// and would not be exported, and the plugin would silently not load.
extern "C" {
WS_DLL_PUBLIC_DEF extern const char plugin_version[];
WS_DLL_PUBLIC_DEF extern const int plugin_want_major;
WS_DLL_PUBLIC_DEF extern const int plugin_want_minor;
WS_DLL_PUBLIC_DEF void plugin_register(void);
#if SIPCAT_HAVE_PLUGIN_DESCRIBE
WS_DLL_PUBLIC_DEF uint32_t plugin_describe(void);
#endif
}

const char plugin_version[] = SIPCAT_VERSION;
const int plugin_want_major = WIRESHARK_VERSION_MAJOR;
const int plugin_want_minor = WIRESHARK_VERSION_MINOR;

static void register_protoinfo() { sipcat::ws::register_protocol(); }
static void register_handoff() { sipcat::ws::register_handoff(); }

void plugin_register(void)
{
    static proto_plugin plug;
    plug.register_protoinfo = register_protoinfo;
    plug.register_handoff = register_handoff;
    proto_register_plugin(&plug);
    static tap_plugin tap;
    tap.register_tap_listener = sipcat::ws::register_stats_tree;
    tap_register_plugin(&tap);
}

#if SIPCAT_HAVE_PLUGIN_DESCRIBE
uint32_t plugin_describe(void)
{
    return WS_PLUGIN_DESC_DISSECTOR | WS_PLUGIN_DESC_TAP_LISTENER;
}
#endif
