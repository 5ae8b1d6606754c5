package dev.sift.bench;

import java.util.List;

import dev.sift.model.LlamaCppChatModel;

/**
 * How long the rendered prompts are and how much of them every prompt shares: the shared prefix is what prompt
 * caching saves, the rest is what each record has to pay for.
 *
 * @param tokensPerPrompt mean tokens of a rendered prompt, BOS included
 * @param sharedPrefixTokens tokens at the start that all prompts have in common, BOS included
 */
record PromptShape(double tokensPerPrompt, int sharedPrefixTokens) {

	private static final int BOS = 1;

	static PromptShape of(List<String> prompts, LlamaCppChatModel model) {
		List<int[]> tokens = prompts.stream().map(model::tokenize).toList();
		int shared = tokens.get(0).length;
		for (int[] prompt : tokens) {
			shared = Math.min(shared, commonPrefix(tokens.get(0), prompt));
		}
		double mean = tokens.stream().mapToInt(prompt -> prompt.length).average().orElse(0);
		return new PromptShape(mean + BOS, shared + BOS);
	}

	private static int commonPrefix(int[] a, int[] b) {
		int length = 0;
		while (length < a.length && length < b.length && a[length] == b[length]) {
			length++;
		}
		return length;
	}

}
