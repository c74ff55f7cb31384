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

// Crash guard: saves the settings of the terminal on `fd` (call before ncurses changes them)
// and installs handlers for SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT and SIGTRAP that put them
// back and undo the alternate screen, mouse and bracketed paste, then pass the signal on to the
// handler that was there before (Swift's backtracer) or die of it. Returns 0, or -1 with errno.
int CSignalPipe_guardTerminal(int fd);
// Removes the crash guard, once the terminal has been given back normally.
void CSignalPipe_unguardTerminal(void);
#endif
