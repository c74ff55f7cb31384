#ifndef CSIGNALPIPE_H
#define CSIGNALPIPE_H

// Turns signals into bytes on a pipe, so the event loop's poll(2) wakes up for them whichever
// thread the kernel delivers the signal to. (A Swift process has several threads; poll on the
// main thread is interrupted only when the signal happens to land there.)

// Installs a handler for `signo` that writes the signal number as one byte to `fd`. With
// `chain` set it first calls the handler that was installed before (ncurses' SIGWINCH handler
// must still run, or KEY_RESIZE never arrives); without, it does not (ncurses' SIGTERM, SIGINT
// and SIGHUP handlers end the process before podchat can save). Returns 0, or -1 with errno set.
int CSignalPipe_install(int signo, int fd, int chain);

// Puts back the handler that was installed before CSignalPipe_install(signo, …).
void CSignalPipe_restore(int signo);

// Creates a pipe whose ends are non-blocking and close on exec (pipe2 is GNU-only, so Swift's
// Glibc module does not show it). Returns 0, or -1 with errno set.
int CSignalPipe_makePipe(int descriptors[2]);

#include <stdint.h>

// A timer the loop can poll (timerfd on CLOCK_MONOTONIC), non-blocking and closed on exec.
// Returns its descriptor, or -1 with errno set.
int CSignalPipe_makeTimer(void);
// CLOCK_MONOTONIC now, in nanoseconds: the clock the timer counts in.
uint64_t CSignalPipe_monotonicNanoseconds(void);
// Makes the timer readable at `at` (CLOCK_MONOTONIC nanoseconds), once; 0 disarms it.
// Returns 0, or -1 with errno set.
int CSignalPipe_armTimer(int fd, uint64_t at);
// The time left until the timer fires (zero when it is not armed). Returns 0, or -1 with errno.
struct itimerspec;
int CSignalPipe_readTimer(int fd, struct itimerspec *remaining);
// Reads the timer's count of expirations, so poll no longer reports it readable.
void CSignalPipe_clearTimer(int fd);

// Crash guard: saves the settings of the terminal on `fd` (call before ncurses changes them)
// and installs handlers for SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT and SIGTRAP that put them
// back and undo the alternate screen, mouse and bracketed paste, then pass the signal on to the
// handler that was there before (Swift's backtracer) or die of it. Returns 0, or -1 with errno.
int CSignalPipe_guardTerminal(int fd);
// Removes the crash guard, once the terminal has been given back normally.
void CSignalPipe_unguardTerminal(void);
#endif
