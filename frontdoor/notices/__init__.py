"""One way to send an email (a notice): after the commit that caused it, through the task
queue, in one frame.

Email is not a safe place for a child's name, so a notice says only that something needs doing,
by when, and gives a link that needs the reader's own sign-in to follow. Every notice goes out
in the same frame (`templates/notices/notice.txt`): its paragraphs, the link on the configured
public address (FRONTDOOR_BASE_URL), and the line that says it holds no personal data on
purpose. An app either queues a notice it has written (`after_commit`) or, from its own task
that reads the record when the queue runs it, sends one (`send`).
"""
