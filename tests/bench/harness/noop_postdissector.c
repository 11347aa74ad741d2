/* A post-dissector that does nothing, registered as sipcat registers its own
 * (a handle without a protocol). Its cost over "not installed" is what any
 * post-dissector pays per frame for Wireshark's dispatch alone: the floor of
 * sipcat's non-SIP rows. Built by the benchmark against each target's headers. */
#define WS_BUILD_DLL
#include <ws_version.h>
#include <epan/packet.h>
#include <epan/proto.h>
#if WIRESHARK_VERSION_MAJOR > 4 || (WIRESHARK_VERSION_MAJOR == 4 && WIRESHARK_VERSION_MINOR >= 4)
#include <wsutil/plugins.h>
WS_DLL_PUBLIC_DEF uint32_t plugin_describe(void) { return WS_PLUGIN_DESC_DISSECTOR; }
#endif

WS_DLL_PUBLIC_DEF const char plugin_version[] = "0.0.0";
WS_DLL_PUBLIC_DEF const int plugin_want_major = WIRESHARK_VERSION_MAJOR;
WS_DLL_PUBLIC_DEF const int plugin_want_minor = WIRESHARK_VERSION_MINOR;
WS_DLL_PUBLIC_DEF void plugin_register(void);

static int noop(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    (void)tvb; (void)pinfo; (void)tree; (void)data;
    return 0;
}

static void register_protoinfo(void) {}

static void register_handoff(void) { register_postdissector(create_dissector_handle(noop, -1)); }

void plugin_register(void)
{
    static proto_plugin plug;
    plug.register_protoinfo = register_protoinfo;
    plug.register_handoff = register_handoff;
    proto_register_plugin(&plug);
}
