import PodchatCore

/// `secret` as podchat holds a key read from the environment variable `variable`.
package func environmentKey(_ secret: String, variable: String = "RUNPOD_API_KEY") -> APIKey {
    APIKey(secret, source: .environment(variable: variable))
}
