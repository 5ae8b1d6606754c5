package dev.sift.model;

/**
 * The model used when nothing else is configured: TheBloke's GGUF conversion of TinyLlama-1.1B-Chat-v1.0 on Hugging
 * Face. The checksums are the Git LFS object ids Hugging Face publishes for these files.
 */
public final class DefaultModel {

	/** 8-bit quantization, 1,170,781,568 bytes. */
	public static final String URL = "https://huggingface.co/TheBloke/TinyLlama-1.1B-Chat-v1.0-GGUF/resolve/main/tinyllama-1.1b-chat-v1.0.Q8_0.gguf";

	public static final String SHA256 = "a4c9bb1dbaa372f6381a035fa5c02ef087aaa1ff1f843a56a22328114f03fc59";

	/** 4-bit quantization, 668,788,096 bytes: smaller and faster, somewhat lower quality. */
	public static final String Q4_K_M_URL = "https://huggingface.co/TheBloke/TinyLlama-1.1B-Chat-v1.0-GGUF/resolve/main/tinyllama-1.1b-chat-v1.0.Q4_K_M.gguf";

	public static final String Q4_K_M_SHA256 = "9fecc3b3cd76bba89d504f29b616eedf7da85b96540e490ca5824d3f7d2776a0";

	private DefaultModel() {
	}

}
