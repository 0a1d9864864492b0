// Drives the real `recallguard lsp` as an editor's client would: a child process with pipes,
// framed JSON-RPC messages written and read with a time limit, so a hung server fails a test
// instead of hanging it.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#ifndef RECALLGUARD_BINARY
#error "lsp_client.h needs RECALLGUARD_BINARY (see tests/CMakeLists.txt)"
#endif

extern char** environ;

namespace recallguard::test {

using Json = nlohmann::json;

class LspClient {
public:
    explicit LspClient(std::vector<std::string> args = {"lsp"}, const std::string& working_directory = "") {
        int to_child[2], from_child[2];
        if (pipe(to_child) != 0 || pipe(from_child) != 0) throw std::runtime_error("pipe failed");
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, to_child[0], STDIN_FILENO);
        posix_spawn_file_actions_adddup2(&actions, from_child[1], STDOUT_FILENO);
        posix_spawn_file_actions_addclose(&actions, to_child[1]);
        posix_spawn_file_actions_addclose(&actions, from_child[0]);
        if (!working_directory.empty()) posix_spawn_file_actions_addchdir_np(&actions, working_directory.c_str());
        std::vector<std::string> argv_strings{RECALLGUARD_BINARY};
        argv_strings.insert(argv_strings.end(), args.begin(), args.end());
        std::vector<char*> argv;
        for (auto& arg : argv_strings) argv.push_back(arg.data());
        argv.push_back(nullptr);
        const int spawned = posix_spawn(&pid_, RECALLGUARD_BINARY, &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        close(to_child[0]);
        close(from_child[1]);
        in_ = to_child[1];
        out_ = from_child[0];
        signal(SIGPIPE, SIG_IGN);  // a server that died must fail the test, not kill it
        if (spawned != 0) throw std::runtime_error("cannot start " + std::string(RECALLGUARD_BINARY));
    }
    ~LspClient() {
        if (in_ >= 0) close(in_);
        if (out_ >= 0) close(out_);
        if (pid_ > 0 && !exited_) {
            kill(pid_, SIGKILL);
            waitpid(pid_, nullptr, 0);
        }
    }
    LspClient(const LspClient&) = delete;
    LspClient& operator=(const LspClient&) = delete;

    void write_raw(const std::string& bytes) {
        size_t written = 0;
        while (written < bytes.size()) {
            const ssize_t n = write(in_, bytes.data() + written, bytes.size() - written);
            if (n <= 0) throw std::runtime_error("the server stopped reading");
            written += static_cast<size_t>(n);
        }
    }
    void send(const Json& message) {
        const std::string body = message.dump();
        write_raw("Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
    }
    void notify(const std::string& method, const Json& params) {
        send({{"jsonrpc", "2.0"}, {"method", method}, {"params", params}});
    }
    // Sends a request and returns its response; notifications read meanwhile are kept.
    Json request(const std::string& method, const Json& params) {
        const int id = ++last_id_;
        send({{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}});
        return response(id);
    }
    Json response(const Json& id) {
        while (true) {
            Json message = read_message();
            if (message.contains("id") && message["id"] == id && !message.contains("method")) return message;
            pending_.push_back(std::move(message));
        }
    }
    // The next notification of `method` (kept ones first).
    Json notification(const std::string& method) {
        for (size_t i = 0; i < pending_.size(); ++i)
            if (pending_[i].value("method", "") == method) {
                Json message = pending_[i];
                pending_.erase(pending_.begin() + static_cast<long>(i));
                return message;
            }
        while (true) {
            Json message = read_message();
            if (message.value("method", "") == method) return message;
            pending_.push_back(std::move(message));
        }
    }
    // The next message of any kind.
    Json read_message() {
        while (true) {
            if (auto message = take_buffered()) return *message;
            fill();
        }
    }
    // Closes the server's input and waits for it to exit; returns the exit code.
    int finish(std::chrono::seconds limit = std::chrono::seconds(10)) {
        close(in_);
        in_ = -1;
        const auto deadline = std::chrono::steady_clock::now() + limit;
        int status = 0;
        while (true) {
            const pid_t done = waitpid(pid_, &status, WNOHANG);
            if (done == pid_) break;
            if (std::chrono::steady_clock::now() > deadline) throw std::runtime_error("the server did not exit");
            usleep(10000);
        }
        exited_ = true;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    // The session so far: the messages initialize, and the document it opens.
    Json initialize(const Json& capabilities = Json::object(), const Json& options = Json::object(),
                    const std::string& root_uri = "") {
        Json params{{"processId", nullptr}, {"capabilities", capabilities}, {"initializationOptions", options}};
        params["rootUri"] = root_uri.empty() ? Json() : Json(root_uri);
        Json result = request("initialize", params);
        notify("initialized", Json::object());
        return result;
    }

private:
    std::optional<Json> take_buffered() {
        const size_t end = buffer_.find("\r\n\r\n");
        if (end == std::string::npos) return std::nullopt;
        const std::string header = buffer_.substr(0, end);
        const size_t colon = header.find(':');
        if (colon == std::string::npos) throw std::runtime_error("bad header from the server: " + header);
        const size_t length = std::stoul(header.substr(colon + 1));
        if (buffer_.size() < end + 4 + length) return std::nullopt;
        Json message = Json::parse(buffer_.substr(end + 4, length));
        buffer_.erase(0, end + 4 + length);
        return message;
    }
    void fill() {
        pollfd descriptor{out_, POLLIN, 0};
        const int ready = poll(&descriptor, 1, 10000);
        if (ready <= 0) throw std::runtime_error("no answer from the server within 10 s");
        char chunk[65536];
        const ssize_t n = read(out_, chunk, sizeof chunk);
        if (n <= 0) throw std::runtime_error("the server closed its output");
        buffer_.append(chunk, static_cast<size_t>(n));
    }

    pid_t pid_ = -1;
    int in_ = -1, out_ = -1;
    bool exited_ = false;
    int last_id_ = 0;
    std::string buffer_;
    std::vector<Json> pending_;
};

}  // namespace recallguard::test
