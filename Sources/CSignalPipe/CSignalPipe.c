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

#include <stdint.h>
#include <sys/timerfd.h>
#include <time.h>

int CSignalPipe_makeTimer(void) {
    return timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
}

uint64_t CSignalPipe_monotonicNanoseconds(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
}

int CSignalPipe_armTimer(int fd, uint64_t at) {
    struct itimerspec when = {0};
    when.it_value.tv_sec = (time_t)(at / 1000000000u);
    when.it_value.tv_nsec = (long)(at % 1000000000u);
    return timerfd_settime(fd, TFD_TIMER_ABSTIME, &when, NULL);
}

int CSignalPipe_readTimer(int fd, struct itimerspec *remaining) {
    return timerfd_gettime(fd, remaining);
}

void CSignalPipe_clearTimer(int fd) {
    uint64_t expirations;
    ssize_t ignored = read(fd, &expirations, sizeof expirations);
    (void)ignored;
}

// Crash guard: the terminal's settings as they were before ncurses changed them, and the
// bytes that undo what podchat asked of the terminal, for a handler that must not allocate.
#include <termios.h>

static const int crash_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP};
#define CRASH_SIGNAL_COUNT (sizeof crash_signals / sizeof crash_signals[0])
static struct termios saved_terminal;
static int saved_terminal_fd = -1;
static struct sigaction crash_previous[CRASH_SIGNAL_COUNT];
static const char terminal_reset[] = "\033[0m\033[?1000l\033[?2004l\033[?25h\033[?1049l\r\n";

static void restore_terminal_then_crash(int signo, siginfo_t *info, void *context) {
    if (saved_terminal_fd >= 0) {
        tcsetattr(saved_terminal_fd, TCSANOW, &saved_terminal);
        ssize_t ignored = write(saved_terminal_fd, terminal_reset, sizeof terminal_reset - 1);
        (void)ignored;
    }
    for (size_t index = 0; index < CRASH_SIGNAL_COUNT; index++) {
        if (crash_signals[index] != signo) continue;
        // Hand over to whoever was there (Swift's backtracer prints the report), or die.
        sigaction(signo, &crash_previous[index], NULL);
        const struct sigaction *before = &crash_previous[index];
        if ((before->sa_flags & SA_SIGINFO) && before->sa_sigaction != NULL) {
            before->sa_sigaction(signo, info, context);
        } else if (before->sa_handler != SIG_DFL && before->sa_handler != SIG_IGN && before->sa_handler != NULL) {
            before->sa_handler(signo);
        }
    }
    signal(signo, SIG_DFL);
    raise(signo);
}

int CSignalPipe_guardTerminal(int fd) {
    if (tcgetattr(fd, &saved_terminal) != 0) return -1;
    saved_terminal_fd = fd;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = restore_terminal_then_crash;
    action.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&action.sa_mask);
    for (size_t index = 0; index < CRASH_SIGNAL_COUNT; index++) {
        if (sigaction(crash_signals[index], &action, &crash_previous[index]) != 0) return -1;
    }
    return 0;
}

void CSignalPipe_unguardTerminal(void) {
    if (saved_terminal_fd < 0) return;
    for (size_t index = 0; index < CRASH_SIGNAL_COUNT; index++) sigaction(crash_signals[index], &crash_previous[index], NULL);
    saved_terminal_fd = -1;
}
