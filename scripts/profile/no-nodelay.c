// LD_PRELOAD shim: a process's requests for TCP_NODELAY become no-ops, so
// a client (tasker-bench, h2load) runs as one that never set it — Nagle's
// algorithm on. A `tasker-bench serve` child (the server) keeps its own.
//
//   gcc -shared -fPIC -O2 -o /tmp/no-nodelay.so scripts/profile/no-nodelay.c -ldl
//   LD_PRELOAD=/tmp/no-nodelay.so tasker-bench doors --doors grpc,rest-h2 ...
//
// See docs/benchmarks.md, "h2 latency at a fixed rate".
#define _GNU_SOURCE
#include <dlfcn.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <fcntl.h>
#include <unistd.h>

static int is_serve(void) {
    static int cached = -1;
    if (cached >= 0) return cached;
    char buf[4096];
    int fd = open("/proc/self/cmdline", O_RDONLY);
    ssize_t n = fd >= 0 ? read(fd, buf, sizeof buf - 1) : 0;
    if (fd >= 0) close(fd);
    cached = 0;
    for (ssize_t i = 0; i < n; ) {
        if (strcmp(buf + i, "serve") == 0) cached = 1;
        i += strlen(buf + i) + 1;
    }
    return cached;
}

int setsockopt(int fd, int level, int optname, const void *optval, socklen_t optlen) {
    static int (*real)(int, int, int, const void *, socklen_t);
    if (!real) real = dlsym(RTLD_NEXT, "setsockopt");
    if (level == IPPROTO_TCP && optname == TCP_NODELAY && !is_serve()) {
        return 0;
    }
    return real(fd, level, optname, optval, optlen);
}
