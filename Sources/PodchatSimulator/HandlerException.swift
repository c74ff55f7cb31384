/// The exception `[[sim:traceback]]` raises inside the worker's handler, and the job `error`
/// each worker generation makes of it.
enum HandlerException {
    /// Where the runpod SDK (1.12, in vLLM's Python 3.12 image) runs an async generator handler.
    private static let sdkFrame = """
          File "/usr/local/lib/python3.12/dist-packages/runpod/serverless/modules/rp_job.py", line 324, in run_job_generator
            async for output_partial in job_output:

        """

    /// The proxy worker (`src/handler.py`) reading a non-streamed answer that is not JSON.
    private static let decodeTraceback = """
        Traceback (most recent call last):
        \(sdkFrame)  File "/src/handler.py", line 150, in handler
            yield await resp.json(content_type=None)
                  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
          File "/usr/local/lib/python3.12/dist-packages/aiohttp/client_reqrep.py", line 1281, in json
            return loads(stripped.decode(encoding))
                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
          File "/usr/lib/python3.12/json/__init__.py", line 346, in loads
            return _default_decoder.decode(s)
                   ^^^^^^^^^^^^^^^^^^^^^^^^^^
          File "/usr/lib/python3.12/json/decoder.py", line 338, in decode
            obj, end = self.raw_decode(s, idx=_w(s, 0).end())
                       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
          File "/usr/lib/python3.12/json/decoder.py", line 356, in raw_decode
            raise JSONDecodeError("Expecting value", s, err.value) from None
        json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)

        """

    /// The proxy worker's stream outliving aiohttp's total timeout: a `TimeoutError`, which is no
    /// `aiohttp.ClientError`, so the handler does not catch it (and its message is empty).
    private static let timeoutTraceback = """
        Traceback (most recent call last):
        \(sdkFrame)  File "/src/handler.py", line 147, in handler
            async for chunk in resp.content.iter_any():
          File "/usr/local/lib/python3.12/dist-packages/aiohttp/streams.py", line 434, in iter_any
            data = await self.readany()
                   ^^^^^^^^^^^^^^^^^^^^
          File "/usr/local/lib/python3.12/dist-packages/aiohttp/streams.py", line 414, in readany
            await self._wait("readany")
          File "/usr/local/lib/python3.12/dist-packages/aiohttp/streams.py", line 320, in _wait
            with self._timer:
                 ^^^^^^^^^^^
          File "/usr/local/lib/python3.12/dist-packages/aiohttp/helpers.py", line 685, in __exit__
            raise asyncio.TimeoutError from exc_val
        TimeoutError

        """

    /// The legacy worker's handler catches every exception and yields its message alone.
    static let legacyMessage = "Simulated handler exception ([[sim:traceback]])"

    /// The job's `error` on the proxy worker: `rp_job.run_job_generator`'s
    /// `f"handler: {str(err)} \ntraceback: {traceback.format_exc()}"`.
    static func proxyError(streaming: Bool) -> String {
        streaming
            ? "handler:  \ntraceback: " + timeoutTraceback
            : "handler: Expecting value: line 1 column 1 (char 0) \ntraceback: " + decodeTraceback
    }
}
