package dev.weft.net;

import dev.weft.Task;
import dev.weft.internal.Parking;

/**
 * Which loop a socket belongs to: the loop of the task that opened it. Sockets are used only
 * by that loop's tasks, since the loop's selector and the socket's buffers are touched by its
 * thread alone.
 */
final class LoopOwner {
    private LoopOwner() {}

    /**
     * Returns the calling task's loop, to own a socket being opened.
     *
     * @throws WrongThreadException if the caller is not a task; the message names
     *     {@code operation}
     */
    static Object ofCallingTask(Parking parking, String operation) {
        Object me = parking.currentParty();
        Object loop = parking.loopOf(me);
        if (loop == null || !(me instanceof Task<?>)) {
            throw new WrongThreadException(operation + " must be called from a task; start one "
                    + "with Weft.run(...)");
        }
        return loop;
    }

    /**
     * Returns the calling party, once it is known to be a task of {@code loop}.
     *
     * @throws WrongThreadException if it is not; the message names {@code socket}
     */
    static Object requireCaller(Parking parking, Object loop, Object socket) {
        Object me = parking.currentParty();
        if (parking.loopOf(me) != loop) {
            throw new WrongThreadException(socket + " belongs to another loop; use it from tasks "
                    + "of the loop that opened it");
        }
        return me;
    }
}
