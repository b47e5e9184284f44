// citemap-preview.so: the preview server of `citemap watch` on libsoup 3 (see cli/preview_server.hpp).
// The page it serves polls /state (long polling: the server answers when a render finishes), swaps in
// the new SVG inline, and shows the error text of a failed render above the last good map.
#include "cli/preview_server.hpp"
#include "core/error.hpp"

#include <libsoup/soup.h>

#include <cstdlib>
#include <string_view>
#include <vector>

namespace citemap {

namespace {

// The preview page: polls /state (long polling: the server answers when a render finishes), swaps in
// the new SVG inline, and shows the error text of a failed render above the last good map.
constexpr const char* kPage = R"(<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>citemap watch</title>
<style>
body { margin: 0; font: 14px/1.4 "Noto Sans", sans-serif; background: #eee; }
#citemap-watch-bar { padding: 6px 12px; background: #333; color: #fff; }
#citemap-watch-error { margin: 0; padding: 10px 12px; background: #fdecea; color: #8a1c1c;
  border-bottom: 2px solid #c0392b; white-space: pre-wrap; font: 13px/1.4 monospace; }
#citemap-watch-map svg { display: block; max-width: 100%; height: auto; margin: 12px auto; background: #fff; }
</style></head>
<body>
<div id="citemap-watch-bar">citemap watch: <span id="citemap-watch-status">starting</span></div>
<pre id="citemap-watch-error" hidden></pre>
<div id="citemap-watch-map"></div>
<script>
let version = -1, mapVersion = -1;
async function show(s) {
  const err = document.getElementById('citemap-watch-error');
  err.textContent = s.error;
  err.hidden = !s.error;
  document.getElementById('citemap-watch-status').textContent =
    (s.error ? 'render ' + s.version + ' failed; showing the last good map' : 'render ' + s.version) +
    ' of ' + s.project;
  if (s.map_version > mapVersion) {
    const r = await fetch('/map.svg?v=' + s.map_version, {cache: 'no-store'});
    const svg = (await r.text()).replace(/^<\?xml[^>]*>/, '');
    document.getElementById('citemap-watch-map').innerHTML = svg;
    mapVersion = s.map_version;
  }
  document.body.dataset.version = s.version;
  document.body.dataset.mapVersion = mapVersion;
}
async function poll() {
  for (;;) {
    try {
      const r = await fetch('/state?after=' + version, {cache: 'no-store'});
      const s = await r.json();
      if (s.version !== version) { await show(s); version = s.version; }
    } catch (e) {
      await new Promise(done => setTimeout(done, 300)); // the server restarts or is busy rendering
    }
  }
}
poll();
</script></body></html>
)";

struct ServerUnref {
    void operator()(SoupServer* s) const { g_object_unref(s); }
};

class SoupPreview final : public PreviewServer {
  public:
    explicit SoupPreview(int port) {
        server_.reset(SOUP_SERVER(g_object_new(SOUP_TYPE_SERVER, "server-header", "citemap-watch", nullptr)));
        soup_server_add_handler(server_.get(), nullptr, on_request, this, nullptr);
        GError* err = nullptr;
        // Loopback only: the preview shows unpublished work and must not be reachable from the network.
        if (!soup_server_listen_local(server_.get(), static_cast<guint>(port), SOUP_SERVER_LISTEN_IPV4_ONLY, &err)) {
            const std::string why = err->message;
            g_error_free(err);
            throw Error({"127.0.0.1:" + std::to_string(port), 0, 0, {}}, "cannot listen: " + why,
                        "choose another --port, or --port 0 for any free one");
        }
        port_ = port;
        GSList* uris = soup_server_get_uris(server_.get());
        if (uris)
            port_ = g_uri_get_port(static_cast<GUri*>(uris->data));
        g_slist_free_full(uris, reinterpret_cast<GDestroyNotify>(g_uri_unref));
    }
    ~SoupPreview() override { stop(); }

    int port() const override { return port_; }

    void publish(int version, const std::string& state_json, const std::string& svg) override {
        version_ = version;
        state_ = state_json;
        if (!svg.empty())
            svg_ = svg;
        keep_alive();
    }

    void keep_alive() override {
        std::vector<SoupServerMessage*> waiting;
        waiting.swap(waiting_);
        for (SoupServerMessage* msg : waiting) {
            answer(msg, "application/json", state_);
            soup_server_message_unpause(msg);
            g_object_unref(msg);
        }
    }

    void stop() override {
        if (!server_)
            return;
        keep_alive();
        soup_server_disconnect(server_.get());
        server_.reset();
    }

  private:
    static void answer(SoupServerMessage* msg, const char* type, const std::string& body) {
        soup_server_message_set_status(msg, SOUP_STATUS_OK, nullptr);
        SoupMessageHeaders* h = soup_server_message_get_response_headers(msg);
        soup_message_headers_replace(h, "Cache-Control", "no-store");
        soup_server_message_set_response(msg, type, SOUP_MEMORY_COPY, body.data(), body.size());
    }

    static void on_message_finished(SoupServerMessage* msg, gpointer data) {
        // A long poll whose client went away: forget it.
        auto& s = *static_cast<SoupPreview*>(data);
        for (auto it = s.waiting_.begin(); it != s.waiting_.end(); ++it)
            if (*it == msg) {
                s.waiting_.erase(it);
                g_object_unref(msg);
                return;
            }
    }

    static void on_request(SoupServer*, SoupServerMessage* msg, const char* path, GHashTable* query, gpointer data) {
        auto& s = *static_cast<SoupPreview*>(data);
        if (std::string_view(soup_server_message_get_method(msg)) != "GET") {
            soup_server_message_set_status(msg, SOUP_STATUS_METHOD_NOT_ALLOWED, nullptr);
            return;
        }
        const std::string_view p(path);
        if (p == "/") {
            answer(msg, "text/html; charset=utf-8", kPage);
        } else if (p == "/map.svg") {
            if (s.svg_.empty())
                soup_server_message_set_status(msg, SOUP_STATUS_NOT_FOUND, nullptr);
            else
                answer(msg, "image/svg+xml", s.svg_);
        } else if (p == "/state") {
            const char* after = query ? static_cast<const char*>(g_hash_table_lookup(query, "after")) : nullptr;
            const int seen = after ? std::atoi(after) : -1;
            if (seen != s.version_) {
                answer(msg, "application/json", s.state_);
                return;
            }
            // Nothing new: hold the request until the next render finishes (or the keep-alive tick).
            soup_server_message_pause(msg);
            s.waiting_.push_back(static_cast<SoupServerMessage*>(g_object_ref(msg)));
            g_signal_connect(msg, "finished", G_CALLBACK(on_message_finished), &s);
        } else {
            soup_server_message_set_status(msg, SOUP_STATUS_NOT_FOUND, nullptr);
        }
    }

    std::unique_ptr<SoupServer, ServerUnref> server_;
    int port_ = 0;
    int version_ = 0;                        // the last render published
    std::string state_ = "{}";               // its state, as /state answers it
    std::string svg_;                        // the last good map
    std::vector<SoupServerMessage*> waiting_; // long polls, each holding a reference
};

class Module final : public PreviewModule {
  public:
    std::unique_ptr<PreviewServer> listen(int port) const override { return std::make_unique<SoupPreview>(port); }
};

} // namespace
} // namespace citemap

extern "C" __attribute__((visibility("default"))) const citemap::PreviewModule* citemap_preview_module(int abi) {
    static const citemap::Module module;
    return abi == citemap::kPreviewModuleAbi ? &module : nullptr;
}
