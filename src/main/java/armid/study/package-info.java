/**
 * The paper's comparative study (IV): movements × seeded initial guesses × methods M1 and M2, each an identification
 * run in its own folder of one study folder ({@link armid.study.Study}), run in parallel and resumable
 * ({@link armid.study.StudyRunner}).
 */
package armid.study;
