package org.springframework.ai.chat.model;

/** Stand-in with the shape of Spring AI's ChatResponse: getMetadata().getUsage().getTotalTokens(). */
public class ChatResponse {

    private final Metadata metadata;

    public ChatResponse(Integer totalTokens) {
        this.metadata = new Metadata(totalTokens);
    }

    public Metadata getMetadata() {
        return metadata;
    }

    public static class Metadata {
        private final Integer total;

        Metadata(Integer total) {
            this.total = total;
        }

        public Usage getUsage() {
            return () -> total;
        }
    }

    public interface Usage {
        Integer getTotalTokens();
    }
}
