#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "CSignalPipe.h"

#define MAX_SIGNAL 65

static struct sigaction previous[MAX_SIGNAL];
static int installed[MAX_SIGNAL];
static volatile int pipe_fd[MAX_SIGNAL];
static volatile int chains[MAX_SIGNAL];

static void forward(int signo, siginfo_t *info, void *context) {
    int saved_errno = errno;
    const struct sigaction *before = &previous[signo];
    if (!chains[signo]) {
        // Not passed on: ncurses' handler for SIGINT/SIGTERM/SIGHUP would end the process.
    } else if (before->sa_flags & SA_SIGINFO) {
        if (before->sa_sigaction != NULL) before->sa_sigaction(signo, info, context);
    } else if (before->sa_handler != SIG_DFL && before->sa_handler != SIG_IGN && before->sa_handler != NULL) {
        before->sa_handler(signo);
    }
    unsigned char byte = (unsigned char)signo;
    ssize_t ignored = write(pipe_fd[signo], &byte, 1);
    (void)ignored;
    errno = saved_errno;
}

int CSignalPipe_install(int signo, int fd, int chain) {
    if (signo <= 0 || signo >= MAX_SIGNAL) {
        errno = EINVAL;
        return -1;
    }
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = forward;
    action.sa_flags = SA_SIGINFO | SA_RESTART;
    sigemptyset(&action.sa_mask);
    pipe_fd[signo] = fd;
    chains[signo] = chain;
    if (sigaction(signo, &action, &previous[signo]) != 0) return -1;
    installed[signo] = 1;
    return 0;
}

void CSignalPipe_restore(int signo) {
    if (signo > 0 && signo < MAX_SIGNAL && installed[signo]) {
        sigaction(signo, &previous[signo], NULL);
        installed[signo] = 0;
    }
}

int CSignalPipe_makePipe(int descriptors[2]) {
    return pipe2(descriptors, O_NONBLOCK | O_CLOEXEC);
}
