package dev.sift.api;

import java.util.List;

/**
 * One prompt for the model; every part but the prompt optional, defaulting to {@code sift.chat.*}.
 *
 * @param prompt the user's message
 * @param system a system prompt before it
 * @param maxTokens upper bound of the reply's tokens, 1 to 2048
 * @param temperature 0 to 2
 * @param stop sequences that end the reply
 */
record ChatRequest(String prompt, String system, Integer maxTokens, Double temperature, List<String> stop) {
}
